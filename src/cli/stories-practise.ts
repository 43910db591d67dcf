import type { QuestionRef } from "../core/grading/grade.js";
import { practiseQuestion } from "../core/stories/practise-question.js";
import { formatGrade } from "./grade-report.js";
import { graderNote } from "./grade-run.js";
import { graderFromOption } from "./grader-option.js";
import { readStream } from "./read-input.js";
import type { StoriesAction } from "./stories-command.js";
import { formatGaps, oneLine, wrapped } from "./stories-report.js";
import { bankQuestion, findStory, type StoriesContext, StoryLookupError } from "./stories-run.js";
import { safeText } from "./terminal/sanitize.js";

const ANSWER_PROMPT = "Tell the story as your answer, then press Ctrl-D on an empty line.\n";
const BEFORE = "What this question needs that your story does not have yet:";
const AFTER = "What this question needed that your story does not have yet:";

/**
 * "Practise a story": a question for it, what the question's angle needs that the story lacks, then the
 * answer from standard input graded as `grade` grades (nothing is stored), and what it still lacks.
 */
export async function practiseStory(
  action: Extract<StoriesAction, { kind: "practise" }>,
  ctx: StoriesContext,
): Promise<number> {
  const { content, io, paint, width, service } = ctx;
  const story = await findStory(ctx, action.id);
  const level = action.level ?? story.level;
  const question =
    action.question !== undefined
      ? bankQuestion(content, action.question)
      : (practiseQuestion(
          {
            id: story.id,
            title: story.title,
            text: story.text,
            competencies: story.competencies,
            overall: story.grade.overall,
            level: story.level,
          },
          content,
          level,
        ) ?? undefined);
  if (!question)
    throw new StoryLookupError(`The bank has no question at the ${level} level; give --level or --question.`);
  const ref: QuestionRef = {
    id: question.id,
    text: question.text,
    competency: question.competency,
    probes: question.probes,
  };
  // Made before the answer is read: a missing API key is said at once.
  const grader = graderFromOption(action.grader, content, io);

  io.stdout.write(
    wrapped(
      [
        paint("bold", `Q (${question.id}, ${level} level): ${safeText(question.text)}`),
        "",
        paint("dim", `Your story, “${oneLine(story.title)}”:`),
        ...safeText(story.text)
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => paint("dim", `  ${l.trim()}`)),
        "",
        ...formatGaps(BEFORE, service.gaps(story, ref), paint),
        "",
      ],
      width,
    ),
  );
  if (io.stdin.isTTY) io.stderr.write(ANSWER_PROMPT);
  const answer = await readStream(io.stdin);
  if (answer.trim() === "") {
    io.stderr.write("star-coach stories: no answer was given; tell the story on standard input.\n");
    return 1;
  }
  const grade = await grader.grade({ answer, question: ref, level });
  const feedback = formatGrade(grade, paint, undefined) + graderNote(grade, paint);
  // Against the answer as told now, with its grade: what the retelling still leaves out.
  const after = service.gaps({ ...story, text: answer, grade }, ref);
  io.stdout.write(
    wrapped([...feedback.trimEnd().split("\n"), "", ...formatGaps(AFTER, after, paint)], width),
  );
  return 0;
}
