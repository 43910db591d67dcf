import { type Calibration, CalibrationSchema } from "../calibration/schema.js";
import { type Feedback, FeedbackSchema } from "../feedback/schema.js";
import { anchorLabelProblems } from "../grading/judgement.js";
import { type Lexicon, LexiconSchema } from "../lexicon/schema.js";
import { type PostingVocab, PostingVocabSchema, postingProblems } from "../posting/schema.js";
import { loadPrompts } from "../prompts/load.js";
import type { Prompts } from "../prompts/render.js";
import { type BankSource, bankProblems, createQuestionBank, type QuestionBank } from "../questions/bank.js";
import { QuestionFileSchema } from "../questions/schema.js";
import { type Rubric, RubricSchema } from "../rubric/schema.js";
import { ContentError, type ContentProblem } from "./errors.js";
import { parseYaml } from "./parse.js";

/** A content file as read from disk: its path relative to the project (for messages) and its text. */
export interface ContentFile {
  path: string;
  text: string;
}

export interface ContentSources {
  questions: readonly ContentFile[];
  rubric: ContentFile;
  lexicon: ContentFile;
  feedback: ContentFile;
  /** rubrics/posting.yaml: how a pasted job posting is read. */
  posting: ContentFile;
  /** prompts/prompts.yaml and the prompt files beside it. */
  prompts: { manifest: ContentFile; templates: readonly ContentFile[] };
  /** rubrics/calibration.json: the fitted models. Left out only while fitting a new one. */
  calibration?: ContentFile | undefined;
}

/**
 * The validated content as plain data (JSON carries it exactly): what the build stores in its artefact,
 * and what `contentFromData` turns into Content.
 */
export interface ContentData {
  questions: BankSource[];
  rubric: Rubric;
  lexicon: Lexicon;
  feedback: Feedback;
  posting: PostingVocab;
  prompts: Prompts;
  calibration: Calibration | null;
}

export interface Content {
  bank: QuestionBank;
  rubric: Rubric;
  lexicon: Lexicon;
  feedback: Feedback;
  posting: PostingVocab;
  prompts: Prompts;
  calibration: Calibration | null;
}

/** Validates every content file and returns the content, or throws one ContentError listing all problems. */
export function loadContent(sources: ContentSources): Content {
  return contentFromData(validateContent(sources));
}

export function contentFromData(data: ContentData): Content {
  const { questions, ...rest } = data;
  return { bank: createQuestionBank(questions), ...rest };
}

/** loadContent's validation, returning the content as data; throws one ContentError listing all problems. */
export function validateContent(sources: ContentSources): ContentData {
  const problems: ContentProblem[] = [];
  if (sources.questions.length === 0)
    problems.push({ file: "questions/", path: "", message: "no question files found" });
  const bankSources: BankSource[] = [];
  for (const file of sources.questions) {
    const parsed = parseYaml(file.path, file.text, QuestionFileSchema);
    if (parsed.ok) bankSources.push({ file: file.path, data: parsed.value });
    else problems.push(...parsed.problems);
  }
  problems.push(...bankProblems(bankSources));
  const rubric = parseYaml(sources.rubric.path, sources.rubric.text, RubricSchema);
  if (!rubric.ok) problems.push(...rubric.problems);
  const lexicon = parseYaml(sources.lexicon.path, sources.lexicon.text, LexiconSchema);
  if (!lexicon.ok) problems.push(...lexicon.problems);
  const feedback = parseYaml(sources.feedback.path, sources.feedback.text, FeedbackSchema);
  if (!feedback.ok) problems.push(...feedback.problems);
  const posting = parseYaml(sources.posting.path, sources.posting.text, PostingVocabSchema);
  if (!posting.ok) problems.push(...posting.problems);
  // Checked against the question files and the lexicon only when they validate: one problem, said once.
  else if (lexicon.ok && bankSources.length === sources.questions.length) {
    const competencies = bankSources.map((b) => b.data.competency);
    problems.push(
      ...postingProblems(sources.posting.path, posting.value, competencies, lexicon.value.methods),
    );
  }
  const prompts = loadPrompts(sources.prompts.manifest, sources.prompts.templates);
  const calibration = sources.calibration
    ? parseYaml(sources.calibration.path, sources.calibration.text, CalibrationSchema)
    : null;
  if (calibration && !calibration.ok) problems.push(...calibration.problems);
  if (!prompts.ok) problems.push(...prompts.problems);
  if (rubric.ok) {
    for (const message of anchorLabelProblems(rubric.value))
      problems.push({ file: sources.rubric.path, path: "criteria", message });
  }
  if (
    problems.length > 0 ||
    !rubric.ok ||
    !lexicon.ok ||
    !feedback.ok ||
    !posting.ok ||
    !prompts.ok ||
    (calibration && !calibration.ok)
  )
    throw new ContentError(problems);
  return {
    questions: bankSources,
    rubric: rubric.value,
    lexicon: lexicon.value,
    feedback: feedback.value,
    posting: posting.value,
    prompts: prompts.value,
    calibration: calibration?.ok ? calibration.value : null,
  };
}
