import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig, secretsOf } from "../config.js";
import { shippedContent } from "../content-files.js";
import type { Content } from "../core/content/load.js";
import { type InterviewConfig, MAX_QUESTIONS } from "../core/interview/types.js";
import { LEVELS, type Level, LevelSchema } from "../core/levels.js";
import { createGrader } from "../llm/select.js";
import { configureLogger } from "../log.js";
import { applyRetention, createSessionService } from "../sessions/create.js";
import type { GradeFn } from "../sessions/grader.js";
import type { Outcome, SessionService } from "../sessions/session-service.js";
import { storeBudgetLedger, storeGradeCache } from "../store/llm-ports.js";
import { openStore } from "../store/open.js";
import type { Command } from "./command.js";
import { formatGrade } from "./grade-report.js";
import { type CliIO, type Paint, painter, UsageError } from "./io.js";
import { LineReader } from "./line-reader.js";
import { formatChange, formatSessionReport } from "./session-report.js";

const DEFAULT_QUESTIONS = 3;

interface Dialog {
  io: CliIO;
  paint: Paint;
  reader: LineReader;
  content: Content;
}

function say(d: Dialog, text: string): void {
  d.io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** Asks one line; Enter keeps the default. Null when the input has ended. */
async function choose(d: Dialog, prompt: string, fallback: string): Promise<string | null> {
  d.io.stdout.write(`${prompt} ${d.paint("dim", `[${fallback}]`)} `);
  const line = await d.reader.line();
  if (line === null) return null;
  return line.trim() === "" ? fallback : line.trim();
}

function matchCompetency(content: Content, text: string): string | undefined {
  const t = text.toLowerCase();
  const n = Number(t);
  if (Number.isInteger(n) && n >= 1) return content.bank.competencies[n - 1]?.id;
  const found = content.bank.competencies.filter((c) => c.id === t || c.id.startsWith(t));
  return found.length === 1 ? found[0]?.id : undefined;
}

async function askConfig(
  d: Dialog,
  flags: Partial<InterviewConfig>,
  defaultLevel: Level,
): Promise<InterviewConfig | null> {
  let level = flags.level;
  while (!level) {
    const answer = await choose(d, `Level (${LEVELS.join(", ")})?`, defaultLevel);
    if (answer === null) return null;
    const parsed = LevelSchema.safeParse(answer.toLowerCase());
    if (parsed.success) level = parsed.data;
    else say(d, d.paint("yellow", `Please type one of: ${LEVELS.join(", ")}.`));
  }
  let competencies = flags.competencies;
  if (!competencies) {
    say(d, `Focus: ${d.content.bank.competencies.map((c, i) => `${i + 1} ${c.id}`).join(", ")}`);
    while (!competencies) {
      const answer = await choose(d, "Focus (a number or name; Enter for a mix)?", "mix");
      if (answer === null) return null;
      if (answer === "mix") competencies = [];
      else {
        const id = matchCompetency(d.content, answer);
        if (id) competencies = [id];
        else say(d, d.paint("yellow", "No competency matches that; try a number from the list."));
      }
    }
  }
  let questionCount = flags.questionCount;
  while (!questionCount) {
    const answer = await choose(d, `How many questions (1-${MAX_QUESTIONS})?`, String(DEFAULT_QUESTIONS));
    if (answer === null) return null;
    const n = Number(answer);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_QUESTIONS) questionCount = n;
    else say(d, d.paint("yellow", `Please type a number from 1 to ${MAX_QUESTIONS}.`));
  }
  return { level, competencies, questionCount, followUps: flags.followUps ?? true, answerTimeLimitSec: null };
}

function showOutcome(d: Dialog, outcome: Outcome): void {
  if (outcome.error) say(d, d.paint("yellow", outcome.error.message));
  const fb = outcome.feedback;
  if (fb) {
    say(d, "");
    say(d, formatGrade(fb.grade, d.paint, undefined, { followUp: false }));
    if (fb.previous) say(d, formatChange(fb.previous, fb.grade, d.paint));
  }
  if (outcome.report) say(d, `\n${formatSessionReport(outcome.report, d.content.bank, d.paint)}`);
}

async function readAnswer(d: Dialog, prompt: string): Promise<string | null> {
  say(d, d.paint("dim", `${prompt} (finish with an empty line, or Ctrl-D)`));
  return d.reader.paragraph();
}

/** Drives one interview until it finishes (exit 0) or the input ends (saved, exit 0). */
async function converse(d: Dialog, service: SessionService, userId: string, first: Outcome): Promise<void> {
  let outcome = first;
  const saved = () =>
    say(d, d.paint("dim", "\nSaved. Run `npm start` or `star-coach practice` again to resume."));
  for (;;) {
    showOutcome(d, outcome);
    const state = outcome.state;
    if (state.status === "finished") return;
    const id = state.id;
    if (state.phase === "awaiting_answer") {
      const item = state.items[state.index];
      const q = item ? d.content.bank.get(item.questionId) : undefined;
      const where = q ? ` · ${d.content.bank.competency(q.competency)?.name ?? q.competency}` : "";
      say(
        d,
        `\n${d.paint("bold", `Question ${state.index + 1} of ${state.items.length}`)}${d.paint("dim", `${where} · ${state.config.level}`)}`,
      );
      say(d, d.paint("cyan", q?.text ?? item?.questionId ?? ""));
      const text = await readAnswer(d, "Your answer");
      if (text === null) return saved();
      outcome = await service.answer(id, userId, text);
    } else if (state.phase === "awaiting_follow_up") {
      const probe = state.items[state.index]?.followUp?.text ?? "";
      say(d, `\n${d.paint("bold", "Follow-up:")} ${d.paint("cyan", probe)}`);
      const text = await readAnswer(d, "Your answer, or Enter to move on");
      if (text === null) return saved();
      outcome =
        text.trim() === "" ? await service.next(id, userId) : await service.followUp(id, userId, text);
    } else if (state.phase === "reviewing") {
      const choice = await choose(d, "\nNext question (Enter), r to revise your answer, q to end?", "next");
      if (choice === null) return saved();
      if (choice.toLowerCase().startsWith("r")) {
        const text = await readAnswer(d, "Your revised answer");
        if (text === null) return saved();
        outcome = await service.retry(id, userId, text);
      } else if (choice.toLowerCase().startsWith("q")) outcome = await service.end(id, userId);
      else outcome = await service.next(id, userId);
    } else {
      say(
        d,
        d.paint(
          "yellow",
          "Your last answer is still waiting to be graded; it will be graded the next time you start.",
        ),
      );
      return;
    }
  }
}

export interface PracticeOptions {
  level?: Level;
  competencies?: string[];
  questionCount?: number;
  followUps?: boolean;
  user?: string;
}

/** The terminal mock interview: the same engine and store as the Discord bot. */
export async function runPractice(
  io: CliIO,
  options: PracticeOptions = {},
  grade?: GradeFn,
): Promise<number> {
  const config = parseConfig(io.env);
  const content = shippedContent();
  // The terminal is the user's: only warnings, and on standard error.
  const logger = configureLogger({
    level: config.LOG_LEVEL ?? "warn",
    format: config.LOG_FORMAT,
    secrets: secretsOf(config),
    destination: process.stderr,
  });
  const store = await openStore(config);
  try {
    const grader = createGrader("auto", {
      config,
      content,
      logger,
      cache: storeGradeCache(store),
      ledger: storeBudgetLedger(store),
    });
    const service = createSessionService(
      config,
      store,
      content,
      grade ?? ((input, who) => grader.grade(input, who)),
    );
    await service.recoverUngraded();
    await applyRetention(config, store, new Date());
    const d: Dialog = { io, paint: painter(io.stdout, io.env), reader: new LineReader(io.stdin), content };
    const userId = options.user ?? `local:${userInfo().username}`;
    say(d, d.paint("bold", "STAR Coach: mock interview practice for operations roles"));
    const open = await service.open(userId);
    if (open) {
      const answer = await choose(
        d,
        `You have an unfinished interview (question ${open.index + 1} of ${open.items.length}). Resume it? (y/n)`,
        "y",
      );
      if (answer === null) return 0;
      if (!answer.toLowerCase().startsWith("n")) {
        await converse(d, service, userId, await service.resume(open.id, userId));
        return 0;
      }
      if (open.status === "active") await service.end(open.id, userId);
    }
    const interview = await askConfig(d, options, options.level ?? config.DEFAULT_LEVEL);
    if (interview === null) return 0;
    await converse(d, service, userId, await service.start(userId, interview));
    return 0;
  } finally {
    await store.close();
  }
}

export const practiceCommand: Command = {
  name: "practice",
  summary: "A mock interview in the terminal: questions, feedback, follow-ups and a report",
  usage: `star-coach practice [--level ${LEVELS.join("|")}] [--focus COMPETENCY] [--questions N] [--no-follow-ups] [--user NAME]
  Answers end with an empty line or Ctrl-D. Enter accepts the default at every choice. When the input
  ends, the session is saved; run the command again to resume.`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        level: { type: "string" },
        focus: { type: "string" },
        questions: { type: "string" },
        "no-follow-ups": { type: "boolean" },
        user: { type: "string" },
      },
    });
    const options: PracticeOptions = {};
    if (values.level !== undefined) {
      const level = LevelSchema.safeParse(values.level);
      if (!level.success) throw new UsageError(`--level must be one of ${LEVELS.join(", ")}`);
      options.level = level.data;
    }
    if (values.focus !== undefined) {
      const id = matchCompetency(shippedContent(), values.focus);
      if (!id)
        throw new UsageError(`no competency matches "${values.focus}"; star-coach questions lists them`);
      options.competencies = [id];
    }
    if (values.questions !== undefined) {
      const n = Number(values.questions);
      if (!Number.isInteger(n) || n < 1 || n > MAX_QUESTIONS)
        throw new UsageError(`--questions must be 1 to ${MAX_QUESTIONS}`);
      options.questionCount = n;
    }
    if (values["no-follow-ups"]) options.followUps = false;
    if (values.user !== undefined) options.user = values.user;
    return runPractice(io, options);
  },
};
