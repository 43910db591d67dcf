import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { isLevel, LEVELS, type Level } from "../core/level-names.js";
import type { Command } from "./command.js";
import { GRADER_USAGE, graderMode } from "./grader-usage.js";
import { UsageError } from "./io.js";

// Only light modules here: the arguments are checked before the store, the content and the grader load
// (stories-run.ts), so a mistake is said at once.

/** A `stories` subcommand, its arguments checked. */
export type StoriesAction =
  | { kind: "add"; title: string; file: string | undefined }
  | { kind: "list"; json: boolean }
  | { kind: "show"; id: string; json: boolean }
  | { kind: "edit"; id: string; title?: string; competencies?: string[]; file?: string }
  | { kind: "delete"; id: string }
  | { kind: "coverage"; level: Level | undefined; json: boolean }
  | { kind: "match"; question: string | undefined; questionText: string | undefined; json: boolean }
  | { kind: "practise"; id: string; question: string | undefined; level: Level | undefined; grader?: string };

const OPTIONS = {
  user: { type: "string" },
  title: { type: "string" },
  competencies: { type: "string" },
  json: { type: "boolean" },
  yes: { type: "boolean" },
  level: { type: "string" },
  question: { type: "string", short: "q" },
  "question-text": { type: "string" },
  grader: { type: "string" },
} as const;
type Option = keyof typeof OPTIONS;

/** The options each subcommand takes (all take --user), and how many positionals (and whether one is FILE). */
const SHAPES: Record<StoriesAction["kind"], { options: Option[]; args: string[] }> = {
  add: { options: ["title"], args: ["[FILE]"] },
  list: { options: ["json"], args: [] },
  show: { options: ["json"], args: ["ID"] },
  edit: { options: ["title", "competencies"], args: ["ID", "[FILE]"] },
  delete: { options: ["yes"], args: ["ID"] },
  coverage: { options: ["level", "json"], args: [] },
  match: { options: ["question", "question-text", "json"], args: [] },
  practise: { options: ["question", "level", "grader"], args: ["ID"] },
};

function level(value: string | undefined): Level | undefined {
  if (value === undefined) return undefined;
  if (!isLevel(value)) throw new UsageError(`--level must be one of ${LEVELS.join(", ")}`);
  return value;
}

/** "a, b" as ["a", "b"]; a usage error when it names none. */
function competencyList(value: string): string[] {
  const ids = value
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  if (ids.length === 0) throw new UsageError("--competencies needs at least one id, like safety,quality");
  return ids;
}

/** The subcommand and its arguments, or a UsageError saying what is wrong. */
export function parseStoriesArgs(args: string[]): { user: string | undefined; action: StoriesAction } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const [sub = "", ...rest] = positionals;
  const kind = sub === "practice" ? "practise" : sub;
  if (!Object.hasOwn(SHAPES, kind))
    throw new UsageError(
      sub
        ? `unknown stories command "${sub}"`
        : "say which: add, list, show, edit, delete, coverage, match or practise",
    );
  const shape = SHAPES[kind as StoriesAction["kind"]];
  for (const name of Object.keys(values) as Option[])
    if (name !== "user" && !shape.options.includes(name))
      throw new UsageError(`stories ${kind} does not take --${name}`);
  const required = shape.args.filter((a) => !a.startsWith("[")).length;
  if (rest.length < required) throw new UsageError(`stories ${kind} needs ${shape.args.join(" ")}`);
  if (rest.length > shape.args.length)
    throw new UsageError(`stories ${kind} takes ${shape.args.join(" ") || "no arguments"}`);
  const [first, second] = rest;
  const id = first ?? "";
  const json = values.json === true;
  let action: StoriesAction;
  switch (kind as StoriesAction["kind"]) {
    case "add":
      if (values.title === undefined) throw new UsageError("give the story a --title");
      action = { kind: "add", title: values.title, file: first };
      break;
    case "list":
      action = { kind: "list", json };
      break;
    case "show":
      action = { kind: "show", id, json };
      break;
    case "edit":
      if (values.title === undefined && values.competencies === undefined && second === undefined)
        throw new UsageError(
          "say what to change: --title, --competencies, or a FILE (- for standard input) with the new text",
        );
      action = {
        kind: "edit",
        id,
        ...(values.title !== undefined ? { title: values.title } : {}),
        ...(values.competencies !== undefined ? { competencies: competencyList(values.competencies) } : {}),
        ...(second !== undefined ? { file: second } : {}),
      };
      break;
    case "delete":
      if (!values.yes) throw new UsageError("deleting a story cannot be undone: add --yes to confirm");
      action = { kind: "delete", id };
      break;
    case "coverage":
      action = { kind: "coverage", level: level(values.level), json };
      break;
    case "match":
      if ((values.question === undefined) === (values["question-text"] === undefined))
        throw new UsageError("give --question ID or --question-text TEXT (one of them)");
      action = { kind: "match", question: values.question, questionText: values["question-text"], json };
      break;
    case "practise":
      graderMode(values.grader);
      action = {
        kind: "practise",
        id,
        question: values.question,
        level: level(values.level),
        ...(values.grader !== undefined ? { grader: values.grader } : {}),
      };
      break;
  }
  return { user: values.user, action };
}

export const storiesCommand: Command = {
  name: "stories",
  summary: "Your STAR story bank: add, list, show, edit and delete stories; coverage, matching, practice",
  usage: `star-coach stories add --title T [FILE]
       star-coach stories list [--json]
       star-coach stories show ID [--json]
       star-coach stories edit ID [--title T] [--competencies a,b] [FILE]
       star-coach stories delete ID --yes
       star-coach stories coverage [--level ${LEVELS.join("|")}] [--json]
       star-coach stories match (--question ID | --question-text TEXT) [--json]
       star-coach stories practise ID [--question QID] [--level LEVEL] [${GRADER_USAGE}]
  Every subcommand takes --user NAME (default: you on this computer). FILE "-" is standard input.
  An ID may be shortened to any start of it that names one story (list shows 8 characters).
  practise prints a question for the story and what it needs, then grades your answer from standard input.`,
  async run(args, io) {
    const { user, action } = parseStoriesArgs(args);
    const { runStories } = await import("./stories-run.js");
    return runStories(user ?? `local:${userInfo().username}`, action, io);
  },
};
