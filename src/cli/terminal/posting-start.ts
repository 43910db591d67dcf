import type { Content } from "../../core/content/load.js";
import type { InterviewConfig, InterviewState } from "../../core/interview/types.js";
import { analyzePosting, type PostingAnalysis } from "../../core/posting/analyze.js";
import { PostingError } from "../../core/posting/errors.js";
import type { CliIO } from "../io.js";
import { readTextFile } from "../read-input.js";
import type { Dialog } from "./dialog.js";
import { safeText } from "./sanitize.js";
import type { PresetChoices } from "./setup-menus.js";

export const DEFAULT_POSTING_QUESTIONS = 3;
/** Competencies named in the line before the interview; the questions say the rest. */
const SHOWN = 3;

/**
 * The posting in a file, analysed; false when it is not a posting (said in one line on standard error).
 * A file that cannot be read is an `InputFileError`, which the CLI says in one line.
 */
export async function readPosting(
  file: string,
  content: Content,
  io: Pick<CliIO, "stderr">,
): Promise<PostingAnalysis | false> {
  const text = await readTextFile(file);
  try {
    return analyzePosting(text, content);
  } catch (err) {
    if (!(err instanceof PostingError)) throw err;
    io.stderr.write(`star-coach practice: ${err.message}\n`);
    return false;
  }
}

/** The interview for a posting: its level unless the flags chose one; the posting chooses the competencies. */
export function postingConfig(posting: PostingAnalysis, preset: PresetChoices): InterviewConfig {
  return {
    level: preset.level ?? posting.level,
    competencies: [],
    questionCount: preset.questionCount ?? DEFAULT_POSTING_QUESTIONS,
    followUps: preset.followUps ?? true,
    answerTimeLimitSec: null,
  };
}

/** Two lines before the first question: the posting's level and what it asks most, then why that level. */
export function showPosting(d: Dialog, posting: PostingAnalysis, state: InterviewState): void {
  const { screen } = d;
  const level = state.config.level;
  const top = (state.config.posting?.competencies ?? []).slice(0, SHOWN);
  const asks = top.length > 0 ? ` · asks most for ${top.join(", ")}` : "";
  screen.say(`${screen.paint("bold", "Job posting:")} ${posting.level} level${asks}`);
  const practised = level === posting.level ? "" : ` Practising at ${level} level, as --level asks.`;
  screen.say(screen.paint("dim", `${safeText(posting.levelReason)}${practised}`));
}
