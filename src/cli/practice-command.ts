import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { type Config, parseConfig, secretsOf } from "../config.js";
import { shippedContent } from "../content-files.js";
import { MAX_QUESTIONS } from "../core/interview/types.js";
import { LEVELS, LevelSchema } from "../core/levels.js";
import { createGrader } from "../llm/select.js";
import { configureLogger } from "../log.js";
import { applyRetention, createSessionService } from "../sessions/create.js";
import type { GradeFn } from "../sessions/grader.js";
import type { BackgroundRecovery } from "../sessions/session-service.js";
import { storeBudgetLedger, storeGradeCache } from "../store/llm-ports.js";
import { openStore } from "../store/open.js";
import type { Store } from "../store/store.js";
import type { Command } from "./command.js";
import { type CliIO, painter, UsageError } from "./io.js";
import { isStdin } from "./read-input.js";
import { findCompetency, focusesFor, notAtLevel } from "./terminal/choices.js";
import { loadDefaults, saveDefaults } from "./terminal/defaults.js";
import { choose, type Dialog, isStop } from "./terminal/dialog.js";
import { converse } from "./terminal/interview-loop.js";
import { KeySource } from "./terminal/key-source.js";
import { LineEditor } from "./terminal/line-editor.js";
import {
  DEFAULT_POSTING_QUESTIONS,
  postingConfig,
  readPosting,
  showPosting,
} from "./terminal/posting-start.js";
import { Screen } from "./terminal/screen.js";
import { EXIT, type PracticeSession } from "./terminal/session.js";
import { askInterview, type PresetChoices } from "./terminal/setup-menus.js";
import { TtyMode } from "./terminal/tty-mode.js";
import { showWhereYouWere } from "./terminal/views.js";

export interface PracticeOptions extends PresetChoices {
  user?: string;
  /** A job posting's file: the interview asks what it asks for, at its level (unless `level` is given). */
  posting?: string;
  /** A paragraph shown first (what `npm start` says about running in the terminal). */
  intro?: string;
}

/** What a test (or another caller) may put in place of the real thing. */
export interface PracticeDeps {
  grade?: GradeFn;
  openStore?: (config: Config) => Promise<Store>;
}

/** The local user's id: their login name (USER when the system has no entry for it). */
function localUser(env: Record<string, string | undefined>): string {
  try {
    return `local:${userInfo().username}`;
  } catch {
    return `local:${env.USER ?? env.USERNAME ?? "me"}`;
  }
}

/** Keyboard and screen of this terminal, set up for the interview: raw mode and bracketed paste on a TTY. */
function openTerminal(io: CliIO) {
  const tty = new TtyMode(io.stdin, io.stdout, io.stdin === process.stdin ? process : undefined);
  const interactive = tty.available;
  const keys = new KeySource(io.stdin, interactive);
  const screen = new Screen(io.stdout, painter(io.stdout, io.env));
  const editor = new LineEditor(keys, {
    echo: interactive ? (text) => screen.raw(text) : null,
    say: (text) => screen.say(text),
  });
  tty.enter();
  return {
    dialog: { screen, editor } satisfies Dialog,
    handover: {
      interactive,
      handOver: () => {
        keys.pause();
        tty.restore();
      },
      takeBack: () => tty.enter(),
    },
    close: () => {
      keys.close();
      tty.restore();
    },
  };
}

/** How long the end of practice waits for a recovered answer's grade still in flight. */
const RECOVERY_STOP_WAIT_MS = 2_000;

/** The terminal mock interview: the same engine and store as the Discord bot. */
export async function runPractice(
  io: CliIO,
  options: PracticeOptions = {},
  deps: PracticeDeps = {},
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
  // The posting is read before anything opens: a missing file or a non-posting is one line, exit 1.
  const posting = options.posting === undefined ? null : await readPosting(options.posting, content, io);
  if (posting === false) return 1;
  const store = await (deps.openStore ?? openStore)(config);
  const terminal = openTerminal(io);
  let recovery: BackgroundRecovery | undefined;
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
      deps.grade ?? ((input, who) => grader.grade(input, who)),
    );
    // Answers an earlier run left ungraded are graded beside the interview, a few at a time, each under a
    // claim: a hung LLM never holds the first question back.
    recovery = service.recoverInBackground({ log: logger });
    await applyRetention(config, store, new Date());
    const userId = options.user ?? localUser(io.env);
    const d = terminal.dialog;
    const s: PracticeSession = {
      d,
      content,
      service,
      userId,
      dataDir: config.DATA_DIR,
      env: io.env,
      terminal: terminal.handover,
      getAttempt: (id) => store.getAttempt(id),
    };
    if (options.intro) d.screen.say(`${options.intro}\n`);
    d.screen.say(d.screen.paint("bold", "STAR Coach: mock interview practice for operations roles"));
    const open = await service.open(userId);
    if (open) {
      const answer = await choose(
        d,
        `You have an unfinished interview (question ${open.index + 1} of ${open.items.length}). Resume it? (y/n)`,
        "y",
      );
      if (isStop(answer)) return answer.stop === "interrupt" ? EXIT.interrupted : EXIT.done;
      if (!answer.toLowerCase().startsWith("n")) {
        const resumed = await service.resume(open.id, userId);
        return await converse(s, resumed, await showWhereYouWere(s, resumed.state));
      }
      if (open.status === "active") await service.end(open.id, userId);
    }
    if (posting) {
      const started = await service.start(
        userId,
        postingConfig(posting, options),
        null,
        posting.competencies,
      );
      showPosting(d, posting, started.state);
      return await converse(s, started, null);
    }
    const remembered = await loadDefaults(config.DATA_DIR, userId);
    const interview = await askInterview(d, content.bank, options, {
      ...remembered,
      level: remembered.level ?? config.DEFAULT_LEVEL,
    });
    if (isStop(interview)) return interview.stop === "interrupt" ? EXIT.interrupted : EXIT.done;
    await saveDefaults(config.DATA_DIR, userId, {
      level: interview.level,
      focus: interview.competencies[0] ?? "mix",
    });
    return await converse(s, await service.start(userId, interview), null);
  } finally {
    // Standard input let go, the terminal as it was: the process ends as soon as the report is shown.
    terminal.close();
    // A grade still in flight keeps its answer ungraded for the next start; the user is not kept waiting.
    if (recovery) await recovery.stop(RECOVERY_STOP_WAIT_MS);
    await store.close();
  }
}

const FLAGS = {
  level: { type: "string" },
  focus: { type: "string" },
  questions: { type: "string" },
  "no-follow-ups": { type: "boolean" },
  user: { type: "string" },
  posting: { type: "string" },
} as const;

/** Practice's flags (also taken by `start` in the terminal, so `npm start -- --level mid` works). */
export function parsePracticeArgs(args: string[]): PracticeOptions {
  const { values } = parseArgs({ args, options: FLAGS });
  const bank = shippedContent().bank;
  const options: PracticeOptions = {};
  if (values.level !== undefined) {
    const level = LevelSchema.safeParse(values.level.toLowerCase());
    if (!level.success) throw new UsageError(`--level must be one of ${LEVELS.join(", ")}`);
    options.level = level.data;
  }
  if (values.focus !== undefined) {
    const found = findCompetency(bank, bank.competencies, values.focus);
    if (!found || /^\d+$/.test(values.focus))
      throw new UsageError(`no competency matches "${values.focus}"; star-coach questions lists them`);
    if (options.level && !focusesFor(bank, options.level).includes(found))
      throw new UsageError(`${notAtLevel(bank, found.id, options.level)} Choose another --focus or --level.`);
    options.competencies = [found.id];
  }
  if (values.questions !== undefined) {
    const n = Number(values.questions);
    if (!Number.isInteger(n) || n < 1 || n > MAX_QUESTIONS)
      throw new UsageError(`--questions must be 1 to ${MAX_QUESTIONS}`);
    options.questionCount = n;
  }
  if (values["no-follow-ups"]) options.followUps = false;
  if (values.user !== undefined) options.user = values.user;
  if (values.posting !== undefined) {
    if (isStdin(values.posting))
      throw new UsageError("--posting takes the posting's FILE: standard input is for your answers");
    if (options.competencies)
      throw new UsageError("give --focus or --posting, not both: the posting chooses the competencies");
    options.posting = values.posting;
  }
  return options;
}

export const practiceCommand: Command = {
  name: "practice",
  summary: "A mock interview in the terminal: questions, feedback, follow-ups and a report",
  usage: `star-coach practice [--level ${LEVELS.join("|")}] [--focus COMPETENCY | --posting FILE] [--questions N] [--no-follow-ups] [--user NAME]
  --posting FILE asks what a job posting asks for, at its level (--level overrides it), ${DEFAULT_POSTING_QUESTIONS} questions
  unless --questions says; each question says why it was chosen.
  Type or paste an answer; an empty line or Ctrl-D ends it (a paste is kept whole, blank lines and all).
  s skips a question, e writes the answer in $EDITOR, v answers from a recording; after the feedback,
  m shows a strong answer and f the full evidence. Enter accepts the default at every choice; the
  last level and focus are the defaults next time. When the input ends, the session is saved; run
  the command again to resume.`,
  run: (args, io) => runPractice(io, parsePracticeArgs(args)),
};
