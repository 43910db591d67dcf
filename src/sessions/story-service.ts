import { randomUUID } from "node:crypto";
import type { Content } from "../core/content/load.js";
import type { OfflineEngine } from "../core/grading/engine.js";
import type { QuestionRef } from "../core/grading/grade.js";
import type { Grade } from "../core/grading/types.js";
import type { Level } from "../core/levels.js";
import { analyzeStory } from "../core/stories/analyze.js";
import { type StoryCoverage, storyCoverage } from "../core/stories/coverage.js";
import { storyGapsForQuestion } from "../core/stories/gaps.js";
import { matchStoriesToQuestion, type StoryFit } from "../core/stories/match.js";
import { thousands } from "../core/text/plural.js";
import { offlineVersions } from "../llm/cache-key.js";
import { type Logger, log as rootLog } from "../log.js";
import { STORY_LIMITS, type StoryParts, type StoryRecord } from "../store/records.js";
import { InvalidStoryError, type Store } from "../store/store.js";
import { UnknownCompetencyError } from "./story-errors.js";

/** What a user gives for a story: one block of text, or the four STAR parts. */
export interface StoryInput {
  title: string;
  text?: string | undefined;
  parts?: StoryParts | undefined;
}

export interface StoryEdit {
  title?: string | undefined;
  text?: string | undefined;
  parts?: StoryParts | undefined;
  /** The user's correction of the detected competencies: kept from then on, also when the text changes. */
  competencies?: readonly string[] | undefined;
}

export interface StoryServiceDeps {
  store: Store;
  content: Content;
  /** Stories are graded offline: fast, free, and the text goes nowhere. */
  engine: OfflineEngine;
  newId?: () => string;
  now?: () => Date;
  log?: Logger;
}

/** A story is graded as an answer to this question: it must stand on its own, whatever it is asked for. */
const STORY_QUESTION: QuestionRef = {
  id: null,
  text: "Tell me about a time you made a measurable difference in operations.",
  competency: null,
  probes: [],
};

const joinParts = (p: StoryParts) => [p.situation, p.task, p.action, p.result].join("\n\n");

/**
 * Which grader made a story's grade: the rubric and the offline content's versions and hashes, as the
 * LLM cache keys them (`offlineVersions`). A story whose stored version differs is graded again when it
 * is next read.
 */
export function storyGraderVersion(content: Content): string {
  const { lexicon, feedback, calibration } = offlineVersions(content);
  return `offline@${content.rubric.id}.${content.rubric.version}+${lexicon}+${feedback}+${calibration}`;
}

/** The story bank: add, read, edit and delete stories, each graded and analysed; coverage and matching. */
export class StoryService {
  /** Hashes the content once, when a story is first graded or read: not on every start of the bot. */
  #version: string | undefined;
  private readonly newId: () => string;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly deps: StoryServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.now = deps.now ?? (() => new Date());
    this.log = deps.log ?? rootLog();
  }

  private get version(): string {
    this.#version ??= storyGraderVersion(this.deps.content);
    return this.#version;
  }

  async add(userId: string, input: StoryInput): Promise<StoryRecord> {
    const { title, text, parts } = this.checked(input);
    const analysis = analyzeStory(text, this.deps.content);
    const grade = await this.grade(text, analysis.level);
    const at = this.now().toISOString();
    await this.deps.store.ensureUser(userId, null, at);
    const id = this.newId();
    await this.deps.store.addStory({
      id,
      userId,
      title,
      text,
      parts,
      competencies: analysis.competencies,
      competenciesEdited: false,
      level: analysis.level,
      grade,
      graderVersion: this.version,
      at,
    });
    const stored = await this.deps.store.getStory(userId, id);
    if (!stored) throw new Error(`story ${id} was not stored`);
    return stored;
  }

  /** The user's stories, oldest first; any graded by an older grader are graded again first. */
  async list(userId: string): Promise<StoryRecord[]> {
    const stories = await this.deps.store.listStories(userId);
    return Promise.all(stories.map((s) => this.fresh(s)));
  }

  async get(userId: string, id: string): Promise<StoryRecord | null> {
    const story = await this.deps.store.getStory(userId, id);
    return story ? this.fresh(story) : null;
  }

  async edit(userId: string, id: string, change: StoryEdit): Promise<StoryRecord | null> {
    const story = await this.deps.store.getStory(userId, id);
    if (!story) return null;
    const retold = change.text !== undefined || change.parts !== undefined;
    const checked = this.checked({
      title: change.title ?? story.title,
      ...(retold
        ? { text: change.text, parts: change.parts }
        : { text: story.parts ? undefined : story.text, parts: story.parts ?? undefined }),
    });
    const corrected = change.competencies !== undefined ? this.knownCompetencies(change.competencies) : null;
    const analysis = retold ? analyzeStory(checked.text, this.deps.content) : null;
    const level = analysis?.level ?? story.level;
    const competencies =
      corrected ?? (story.competenciesEdited || !analysis ? story.competencies : analysis.competencies);
    return this.deps.store.updateStory(userId, id, {
      title: checked.title,
      ...(retold
        ? {
            text: checked.text,
            parts: checked.parts,
            level,
            grade: await this.grade(checked.text, level),
            graderVersion: this.version,
          }
        : {}),
      competencies,
      competenciesEdited: story.competenciesEdited || corrected !== null,
      at: this.now().toISOString(),
    });
  }

  delete(userId: string, id: string): Promise<boolean> {
    return this.deps.store.deleteStory(userId, id);
  }

  /** The bank against the competencies asked at a level: the user's given level, their default, or mid. */
  async coverage(userId: string, level?: Level): Promise<StoryCoverage> {
    const [stories, user] = await Promise.all([this.list(userId), this.deps.store.getUser(userId)]);
    const at = level ?? user?.settings.defaultLevel ?? "mid";
    return storyCoverage(
      stories.map((s) => ({
        id: s.id,
        title: s.title,
        competencies: s.competencies,
        overall: s.grade.overall,
      })),
      at,
      this.deps.content.bank,
    );
  }

  /** The user's stories ranked for a question (a bank question or free text), best first. */
  async match(userId: string, question: { text: string; competency: string | null }): Promise<StoryFit[]> {
    const stories = await this.list(userId);
    return matchStoriesToQuestion(
      question,
      stories.map((s) => ({
        id: s.id,
        title: s.title,
        text: s.text,
        competencies: s.competencies,
        overall: s.grade.overall,
      })),
      this.deps.content,
    );
  }

  /** What a question's angle needs that the story does not have yet ("practise a story"). */
  gaps(
    story: StoryRecord,
    question: { text: string; competency: string | null; probes?: QuestionRef["probes"] },
  ): string[] {
    return storyGapsForQuestion(question, story, this.deps.content, story.grade);
  }

  private async fresh(story: StoryRecord): Promise<StoryRecord> {
    if (story.graderVersion === this.version) return story;
    try {
      const grade = await this.grade(story.text, story.level);
      const updated = await this.deps.store.updateStory(story.userId, story.id, {
        grade,
        graderVersion: this.version,
        at: story.updatedAt,
      });
      return updated ?? story;
    } catch (err) {
      // The stored grade still describes the story: show it, and try again next time.
      this.log.warn({ err, story: story.id }, "could not grade a story again");
      return story;
    }
  }

  private grade(text: string, level: Level): Promise<Grade> {
    return this.deps.engine.grade({ answer: text, question: STORY_QUESTION, level });
  }

  /** The story as it will be stored, or InvalidStoryError saying what to fix. */
  private checked(input: StoryInput): { title: string; text: string; parts: StoryParts | null } {
    const title = input.title.trim();
    if (title === "") throw new InvalidStoryError("Give the story a short title, like “Pump line kaizen”.");
    if (input.parts) {
      const parts = {
        situation: input.parts.situation.trim(),
        task: input.parts.task.trim(),
        action: input.parts.action.trim(),
        result: input.parts.result.trim(),
      };
      if (Object.values(parts).every((p) => p === ""))
        throw new InvalidStoryError("The story is empty: write at least its situation, action and result.");
      return { title, text: joinParts(parts), parts };
    }
    const text = (input.text ?? "").trim();
    if (text === "")
      throw new InvalidStoryError("The story is empty: write what happened, what you did and what changed.");
    if (text.length > STORY_LIMITS.text)
      throw new InvalidStoryError(
        `The story is ${thousands(text.length)} characters; keep it under ${thousands(STORY_LIMITS.text)} (about 900 words).`,
      );
    return { title, text, parts: null };
  }

  private knownCompetencies(ids: readonly string[]): string[] {
    const known = new Set(this.deps.content.bank.competencies.map((c) => c.id));
    const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ""))];
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UnknownCompetencyError(unknown, [...known]);
    return wanted;
  }
}
