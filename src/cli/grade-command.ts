import { parseArgs } from "node:util";
import { isLevel, LEVELS, type Level } from "../core/level-names.js";
import type { Command } from "./command.js";
import { GRADER_HELP, GRADER_USAGE, graderMode } from "./grader-usage.js";
import { UsageError } from "./io.js";

// Only light modules here: the arguments are checked before the grader, the content and zod load
// (grade-run.ts), so a mistake is said at once.
export const gradeCommand: Command = {
  name: "grade",
  summary: "Grade an answer (file or stdin) against a question; --jsonl grades a batch",
  usage: `star-coach grade [FILE] (--question ID | --question-text TEXT) [--level ${LEVELS.join("|")}] [--json] [${GRADER_USAGE}]
       star-coach grade --audio FILE (--question ID | --question-text TEXT) [--level LEVEL] [--json] [${GRADER_USAGE}]
       star-coach grade --jsonl [FILE] [--level LEVEL] [${GRADER_USAGE}]
  FILE defaults to standard input. --jsonl reads lines {"id", "question", "answer", "level"?} where
  question is a question id or free text, and writes one JSON line per input, in order.
  --audio transcribes a recording (ogg/opus, m4a, mp3, wav, webm; at most 25 MB), grades what was said
  and adds delivery feedback (length, pace, fillers); the audio is not kept. It needs OPENAI_API_KEY or
  TRANSCRIBE_BASE_URL (see "Answer by voice" in the README).
  ${GRADER_HELP}`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        question: { type: "string", short: "q" },
        "question-text": { type: "string" },
        level: { type: "string" },
        json: { type: "boolean" },
        jsonl: { type: "boolean" },
        grader: { type: "string" },
        audio: { type: "string" },
      },
    });
    if (positionals.length > 1) throw new UsageError("give at most one FILE");
    let level: Level | undefined;
    if (values.level !== undefined) {
      if (!isLevel(values.level)) throw new UsageError(`--level must be one of ${LEVELS.join(", ")}`);
      level = values.level;
    }
    const jsonl = values.jsonl === true;
    if (values.audio !== undefined && (jsonl || positionals.length > 0))
      throw new UsageError("--audio grades one recording: give no FILE and no --jsonl with it");
    if (values.audio !== undefined && values.audio.trim() === "")
      throw new UsageError("--audio needs a FILE");
    if (!jsonl && values.question === undefined && values["question-text"] === undefined)
      throw new UsageError("give --question ID or --question-text TEXT");
    graderMode(values.grader);
    const { runGrade } = await import("./grade-run.js");
    return runGrade(
      {
        file: positionals[0],
        question: values.question,
        questionText: values["question-text"],
        level,
        json: values.json === true,
        jsonl,
        grader: values.grader,
        audio: values.audio,
      },
      io,
    );
  },
};
