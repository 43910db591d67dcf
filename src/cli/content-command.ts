import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT, readContentSources } from "../content-files.js";
import { ContentError } from "../core/content/errors.js";
import { type ContentData, type ContentSources, validateContent } from "../core/content/load.js";
import { PROMPT_NAMES } from "../core/prompts/variables.js";
import { count } from "../core/text/plural.js";
import type { Command } from "./command.js";
import { UsageError } from "./io.js";

/** The phrases in a lexicon (or a part of one): every string in its lists, and how many lists. */
function phrases(value: unknown): { lists: number; phrases: number } {
  if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    return { lists: 1, phrases: value.length };
  let lists = 0;
  let total = 0;
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) {
      const inner = phrases(v);
      lists += inner.lists;
      total += inner.phrases;
    }
  }
  return { lists, phrases: total };
}

function summary(content: ContentData, sources: ContentSources): string[] {
  const { questions, rubric, lexicon, feedback, prompts, calibration } = content;
  const asked = questions.reduce((n, q) => n + q.data.questions.length, 0);
  const { methods, ...lists } = lexicon;
  const lex = phrases(lists);
  const line = (kind: string, text: string, file: string) => `${kind.padEnd(12)}${text} (${file})`;
  return [
    line(
      "questions",
      `${count(asked, "question")} in ${count(questions.length, "competency", "competencies")}`,
      "questions/*.yaml",
    ),
    line(
      "rubric",
      `${rubric.id} v${rubric.version}: ${count(rubric.criteria.length, "criterion", "criteria")}, ${count(rubric.levels.length, "level")}`,
      sources.rubric.path,
    ),
    line(
      "lexicon",
      `v${lexicon.version}: ${count(lex.phrases, "phrase")} in ${count(lex.lists, "list")}, ${count(methods.length, "method")}`,
      sources.lexicon.path,
    ),
    line(
      "feedback",
      `v${feedback.version}: ${count(Object.keys(feedback.notices).length, "notice")}, ${count(Object.keys(feedback.tips).length, "tip")}`,
      sources.feedback.path,
    ),
    line(
      "prompts",
      `${prompts.version}: ${count(PROMPT_NAMES.length, "prompt")}`,
      sources.prompts.manifest.path,
    ),
    line(
      "calibration",
      calibration
        ? `${calibration.id} v${calibration.version}: ${count(Object.keys(calibration.models).length, "model")}`
        : "none",
      sources.calibration?.path ?? "-",
    ),
  ];
}

export const contentCommand: Command = {
  name: "content",
  summary: "Check the content (questions, rubric, lexicon, feedback, prompts): a summary, or every problem",
  usage: `star-coach content check [--root DIR]
  Validates questions/*.yaml, rubrics/ and prompts/ under DIR (default: the program's own) as every start
  and the build do: prints a line per kind of content, or each problem with its file and the path inside
  it, and exits with status 1.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { root: { type: "string" } },
    });
    const [what, ...more] = positionals;
    if (what !== "check")
      throw new UsageError(what ? `unknown subcommand "${what}"` : "give a subcommand: check");
    if (more.length > 0) throw new UsageError(`unexpected argument "${more[0]}"`);
    const root = values.root === undefined ? PROJECT_ROOT : resolve(values.root);
    let sources: ContentSources;
    try {
      sources = readContentSources(root);
    } catch (err) {
      const { code, path } = err as NodeJS.ErrnoException;
      if (code === undefined) throw err;
      io.stderr.write(`star-coach content check: cannot read ${path ?? root} (${code})\n`);
      return 1;
    }
    try {
      const content = validateContent(sources);
      io.stdout.write(`${summary(content, sources).join("\n")}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
  },
};
