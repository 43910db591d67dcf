import type { ContentProblem } from "../content/errors.js";
import { WORD_PATTERN } from "../evidence/normalize.js";
import type { Level } from "../levels.js";
import { MODEL_ANSWER_WORDS, modelAnswerText } from "./model-answers.js";
import type { Competency, Question, QuestionFile } from "./schema.js";

export interface QuestionBank {
  readonly questions: readonly Question[];
  readonly competencies: readonly Competency[];
  get(id: string): Question | undefined;
  competency(id: string): Competency | undefined;
  filter(query: { level?: Level | undefined; competency?: string | undefined }): Question[];
}

export interface BankSource {
  file: string;
  data: QuestionFile;
}

/** Checks the cross-file rules (unique ids and competencies, file named after its competency). */
export function bankProblems(sources: readonly BankSource[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seenIds = new Map<string, string>();
  const seenCompetencies = new Map<string, string>();
  for (const { file, data } of sources) {
    const base = file
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.ya?ml$/, "");
    if (base !== data.competency) {
      problems.push({
        file,
        path: "competency",
        message: `must match the file name (${base}), got ${data.competency}`,
      });
    }
    const other = seenCompetencies.get(data.competency);
    if (other)
      problems.push({
        file,
        path: "competency",
        message: `${data.competency} is already defined in ${other}`,
      });
    seenCompetencies.set(data.competency, file);
    data.questions.forEach((q, i) => {
      const first = seenIds.get(q.id);
      if (first)
        problems.push({
          file,
          path: `questions[${i}].id`,
          message: `duplicate question id ${q.id} (first in ${first})`,
        });
      else seenIds.set(q.id, file);
      if (q.model_answer) problems.push(...modelAnswerProblems(q, `questions[${i}].model_answer`, file));
    });
  }
  return problems;
}

/** A model answer's own rules: at one of its question's levels, and 150 to 250 words in all. */
function modelAnswerProblems(
  q: QuestionFile["questions"][number],
  path: string,
  file: string,
): ContentProblem[] {
  const answer = q.model_answer;
  if (!answer) return [];
  const problems: ContentProblem[] = [];
  if (!q.levels.includes(answer.level))
    problems.push({
      file,
      path: `${path}.level`,
      message: `${answer.level} is not one of the question's levels (${q.levels.join(", ")})`,
    });
  const words = modelAnswerText(answer).match(WORD_PATTERN)?.length ?? 0;
  if (words < MODEL_ANSWER_WORDS.min || words > MODEL_ANSWER_WORDS.max)
    problems.push({
      file,
      path,
      message: `must be ${MODEL_ANSWER_WORDS.min} to ${MODEL_ANSWER_WORDS.max} words, has ${words}`,
    });
  return problems;
}

export function createQuestionBank(sources: readonly BankSource[]): QuestionBank {
  const competencies: Competency[] = sources.map(({ data }) => ({
    id: data.competency,
    name: data.name,
    summary: data.summary,
    keywords: data.keywords,
    storyWords: data.story_words,
  }));
  const questions: Question[] = sources.flatMap(({ data }) =>
    data.questions.map((q) => ({ ...q, competency: data.competency })),
  );
  const byId = new Map(questions.map((q) => [q.id, q]));
  const competencyById = new Map(competencies.map((c) => [c.id, c]));
  return {
    questions,
    competencies,
    get: (id) => byId.get(id),
    competency: (id) => competencyById.get(id),
    filter: ({ level, competency }) =>
      questions.filter(
        (q) => (!level || q.levels.includes(level)) && (!competency || q.competency === competency),
      ),
  };
}
