import { parseConfig, secretsOf } from "../config.js";
import { shippedContent } from "../content-files.js";
import type { Content } from "../core/content/load.js";
import { StarCoachError } from "../core/errors.js";
import { inProcessEngine } from "../core/grading/engine.js";
import { analyzeStory } from "../core/stories/analyze.js";
import { createLogger } from "../log.js";
import { UnknownCompetencyError } from "../sessions/story-errors.js";
import { StoryService } from "../sessions/story-service.js";
import { openStore } from "../store/open.js";
import type { StoryRecord } from "../store/records.js";
import { InvalidStoryError, StoryBankFullError } from "../store/store.js";
import { type CliIO, type Paint, painter } from "./io.js";
import { isStdin, readTextInput } from "./read-input.js";
import { terminalJson } from "./safe-json.js";
import type { StoriesAction } from "./stories-command.js";
import {
  formatCoverage,
  formatList,
  formatMatch,
  formatSaved,
  formatStory,
  SHORT_ID,
} from "./stories-report.js";
import { safeText } from "./terminal/sanitize.js";

const STORY_PROMPT = "Type or paste the story, then press Ctrl-D on an empty line (or give a FILE).\n";

/** A story id or question id that names nothing (or, shortened, several): one line, exit code 1. */
export class StoryLookupError extends StarCoachError {
  override readonly name = "StoryLookupError";
  constructor(message: string) {
    super(message, { userMessage: message });
  }
}

/** What a `stories` subcommand works with. */
export interface StoriesContext {
  userId: string;
  service: StoryService;
  content: Content;
  io: CliIO;
  paint: Paint;
  /** The terminal's width; 80 when the output is not a terminal. */
  width: number;
}

/** The user's story with this id, or with an id starting with it when only one does. */
export async function findStory(ctx: StoriesContext, id: string): Promise<StoryRecord> {
  const wanted = id.trim();
  const exact = wanted ? await ctx.service.get(ctx.userId, wanted) : null;
  if (exact) return exact;
  const starting = wanted ? (await ctx.service.list(ctx.userId)).filter((s) => s.id.startsWith(wanted)) : [];
  const [only, ...more] = starting;
  if (only && more.length === 0) return only;
  throw new StoryLookupError(
    starting.length > 1
      ? `"${safeText(wanted)}" starts ${starting.length} story ids; give more of it (star-coach stories list).`
      : `You have no story with the id "${safeText(wanted)}"; star-coach stories list shows yours.`,
  );
}

/** A bank question by id, or a StoryLookupError. */
export function bankQuestion(content: Content, id: string) {
  const question = content.bank.get(id.trim());
  if (!question)
    throw new StoryLookupError(`No question has the id "${safeText(id)}"; star-coach questions lists them.`);
  return question;
}

/** The story's text from FILE or standard input (saying what it waits for when that is a terminal). */
async function storyText(file: string | undefined, io: CliIO): Promise<string> {
  if (isStdin(file) && io.stdin.isTTY) io.stderr.write(STORY_PROMPT);
  return readTextInput(file, io.stdin);
}

const listJson = (s: StoryRecord) => ({
  id: s.id,
  title: s.title,
  competencies: s.competencies,
  overall: s.grade.overall,
  level: s.level,
});

const storyJson = (s: StoryRecord) => ({
  id: s.id,
  title: s.title,
  text: s.text,
  parts: s.parts,
  competencies: s.competencies,
  level: s.level,
  overall: s.grade.overall,
  grade: s.grade,
});

async function perform(action: StoriesAction, ctx: StoriesContext): Promise<number> {
  const { service, userId, io, paint, width } = ctx;
  const out = (text: string) => io.stdout.write(text);
  switch (action.kind) {
    case "add": {
      const text = await storyText(action.file, io);
      const story = await service.add(userId, { title: action.title, text });
      out(`${story.id}\n${formatSaved(story, "Saved", paint, width)}`);
      return 0;
    }
    case "list": {
      const stories = await service.list(userId);
      out(action.json ? `${terminalJson(stories.map(listJson), 2)}\n` : formatList(stories, paint, width));
      return 0;
    }
    case "show": {
      const story = await findStory(ctx, action.id);
      if (action.json) out(`${terminalJson(storyJson(story), 2)}\n`);
      else {
        const analysis = analyzeStory(story.text, ctx.content);
        // The reason is for the level the text shows; a level read by an older analysis has none.
        out(formatStory(story, analysis.level === story.level ? analysis.levelReason : null, paint, width));
      }
      return 0;
    }
    case "edit": {
      const story = await findStory(ctx, action.id);
      const text = action.file !== undefined ? await storyText(action.file, io) : undefined;
      const edited = await service.edit(userId, story.id, {
        title: action.title,
        text,
        competencies: action.competencies,
      });
      if (!edited)
        throw new StoryLookupError(
          `The story "${story.id.slice(0, SHORT_ID)}" is gone; it was deleted meanwhile.`,
        );
      out(formatSaved(edited, "Updated", paint, width));
      return 0;
    }
    case "delete": {
      const story = await findStory(ctx, action.id);
      if (!(await service.delete(userId, story.id)))
        throw new StoryLookupError(
          `The story "${story.id.slice(0, SHORT_ID)}" is gone; it was deleted meanwhile.`,
        );
      out(`Deleted “${safeText(story.title).replace(/\s+/g, " ").trim()}”.\n`);
      return 0;
    }
    case "coverage": {
      const [coverage, stories] = await Promise.all([
        service.coverage(userId, action.level),
        service.list(userId),
      ]);
      if (action.json) {
        const { level, competencies, gaps } = coverage;
        out(`${terminalJson({ level, competencies, gaps }, 2)}\n`);
      } else out(formatCoverage(coverage, stories, ctx.content.bank, paint, width));
      return 0;
    }
    case "match": {
      const question =
        action.question !== undefined
          ? bankQuestion(ctx.content, action.question)
          : { text: action.questionText ?? "", competency: null };
      const fits = await service.match(userId, { text: question.text, competency: question.competency });
      out(action.json ? `${terminalJson(fits, 2)}\n` : formatMatch(question.text, fits, paint, width));
      return 0;
    }
    case "practise": {
      const { practiseStory } = await import("./stories-practise.js");
      return practiseStory(action, ctx);
    }
  }
}

/** Runs a `stories` subcommand for a user; a refused story or an unknown id is one line and exit code 1. */
export async function runStories(userId: string, action: StoriesAction, io: CliIO): Promise<number> {
  const content = shippedContent();
  const config = parseConfig(io.env);
  const store = await openStore(config);
  try {
    // Warnings (a story that could not be graded again) go to standard error: stdout stays the output.
    const log = createLogger({
      level: config.LOG_LEVEL ?? "warn",
      format: config.LOG_FORMAT,
      secrets: secretsOf(config),
      destination: io.stderr,
    });
    const service = new StoryService({ store, content, engine: inProcessEngine(content), log });
    const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 80;
    const ctx: StoriesContext = { userId, service, content, io, paint: painter(io.stdout, io.env), width };
    return await perform(action, ctx);
  } catch (err) {
    const known =
      err instanceof InvalidStoryError ||
      err instanceof StoryBankFullError ||
      err instanceof UnknownCompetencyError ||
      err instanceof StoryLookupError;
    if (!known || err.userMessage === null) throw err;
    io.stderr.write(`star-coach stories: ${safeText(err.userMessage)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
