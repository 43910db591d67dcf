import { AudioRefusedError } from "../audio/check.js";
import type { Content } from "../core/content/load.js";
import type { GradeInput } from "../core/grading/grade.js";
import { resolveQuestion } from "../core/grading/resolve.js";
import type { Grade } from "../core/grading/types.js";
import type { Level } from "../core/level-names.js";
import type { Grader } from "../llm/select.js";
import { TranscriptionFailedError, VOICE_NOT_CONFIGURED } from "../llm/transcribe.js";
import { cliTranscriber, NothingHeardError, readAudioFile, transcribeAnswer } from "./grade-audio.js";
import { formatGrade } from "./grade-report.js";
import { type CliIO, type Paint, painter } from "./io.js";
import { InputFileError } from "./read-input.js";
import { terminalJson } from "./safe-json.js";
import { safeText } from "./terminal/sanitize.js";

export interface VoiceGradeOptions {
  audio: string;
  question: string;
  level: Level | undefined;
  json: boolean;
}

/** What the transcriber heard, as the report shows it before the grade. */
export function transcriptLines(text: string, paint: Paint): string {
  return `${paint("bold", "Transcript")} ${paint("dim", "(what was heard; the audio is not kept)")}\n${safeText(text)}\n\n`;
}

/**
 * `grade --audio FILE`: checks the file, transcribes it, grades the transcript like a typed answer and
 * adds the delivery figures. Every refusal is one line on standard error and exit code 1.
 */
export async function runVoiceGrade(
  opts: VoiceGradeOptions,
  content: Content,
  grader: Grader,
  io: CliIO,
  note: (grade: Grade, paint: Paint) => string,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`star-coach grade: ${message}\n`);
    return 1;
  };
  const transcriber = cliTranscriber(io);
  if (!transcriber) return fail(VOICE_NOT_CONFIGURED);
  let voice: Awaited<ReturnType<typeof transcribeAnswer>>;
  try {
    const audio = await readAudioFile(opts.audio);
    if (io.stderr.isTTY) io.stderr.write(`Transcribing ${safeText(audio.filename)}…\n`);
    voice = await transcribeAnswer(audio, transcriber, content.lexicon);
  } catch (err) {
    if (err instanceof InputFileError) return fail(err.message);
    if (
      err instanceof AudioRefusedError ||
      err instanceof TranscriptionFailedError ||
      err instanceof NothingHeardError
    )
      return fail(err.userMessage ?? err.message);
    throw err;
  }
  const resolved = resolveQuestion(opts.question, content.bank, opts.level ?? "entry");
  const input: GradeInput = {
    answer: voice.transcript.text,
    question: resolved.ref,
    level: opts.level ?? resolved.level,
  };
  const grade: Grade = { ...(await grader.grade(input)), delivery: voice.delivery };
  if (opts.json) {
    const { delivery, ...rest } = grade;
    io.stdout.write(
      `${terminalJson({ id: resolved.ref.id, ...rest, transcript: voice.transcript.text, delivery }, 2)}\n`,
    );
  } else {
    const paint = painter(io.stdout, io.env);
    io.stdout.write(
      transcriptLines(voice.transcript.text, paint) +
        formatGrade(grade, paint, resolved.ref.text) +
        note(grade, paint),
    );
  }
  return 0;
}
