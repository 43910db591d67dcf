import type { Content } from "../core/content/load.js";
import { CRITERIA, type CriterionId } from "../core/criteria.js";
import type { Grade } from "../core/grading/types.js";
import { keepTerms, maskAnswer } from "../core/group/mask.js";
import { type RoundSummary, type RoundEntry as SummaryEntry, summarizeRound } from "../core/group/summary.js";
import type { Level } from "../core/levels.js";
import type { Question } from "../core/questions/schema.js";
import type { ClaimRequest } from "../store/group-store.js";
import type { GroupRound, RoundEntry } from "../store/records.js";
import type { Store } from "../store/store.js";
import { GradingFailedError, RoundError } from "./errors.js";
import type { Feedback, SessionService } from "./session-service.js";

export interface GroupServiceDeps {
  store: Store;
  content: Content;
  sessions: SessionService;
  newId: () => string;
  now: () => Date;
  random: () => number;
}

export interface StartRound {
  guildId: string;
  channelId: string;
  startedBy: string | null;
  source: GroupRound["source"];
  level: Level;
  competencies: readonly string[];
  minutes: number;
}

export interface Reviewable {
  entry: RoundEntry;
  text: string;
  masked: boolean;
  /** The scores this rater has already given this answer. */
  given: Partial<Record<CriterionId, number>>;
}

/** Group rounds: one question for a channel, one answer per user, peer ratings, a summary at the close. */
export class GroupService {
  private readonly keep: string[];

  constructor(private readonly deps: GroupServiceDeps) {
    this.keep = keepTerms(deps.content.lexicon);
  }

  private at(): string {
    return this.deps.now().toISOString();
  }

  /** Picks the question and stores the round; the caller posts it and then calls `attach`. */
  async start(input: StartRound): Promise<{ round: GroupRound; question: Question }> {
    const pool = this.deps.content.bank.questions.filter(
      (q) =>
        q.levels.includes(input.level) &&
        (input.competencies.length === 0 || input.competencies.includes(q.competency)),
    );
    const question = pool[Math.floor(this.deps.random() * pool.length)];
    if (!question)
      throw new RoundError("No questions match that level and focus. Try another focus, or leave it empty.");
    const now = this.deps.now();
    const round: GroupRound = {
      id: this.deps.newId(),
      guildId: input.guildId,
      channelId: input.channelId,
      threadId: null,
      messageId: null,
      questionId: question.id,
      level: input.level,
      focus: input.competencies.length === 1 ? (input.competencies[0] ?? null) : null,
      startedBy: input.startedBy,
      source: input.source,
      feedback: (await this.deps.store.getGuildSettings(input.guildId)).groupFeedback,
      status: "open",
      closesAt: new Date(now.getTime() + input.minutes * 60_000).toISOString(),
      createdAt: now.toISOString(),
      closedAt: null,
      closedBy: null,
    };
    await this.deps.store.groups.saveRound(round);
    return { round, question };
  }

  async attach(round: GroupRound, threadId: string | null, messageId: string): Promise<GroupRound> {
    const attached = { ...round, threadId, messageId };
    await this.deps.store.groups.saveRound(attached);
    return attached;
  }

  async round(roundId: string): Promise<GroupRound> {
    const round = await this.deps.store.groups.getRound(roundId);
    if (!round) throw new RoundError("That round no longer exists.");
    return round;
  }

  /**
   * The round, if it belongs to the server the user acts in (`null`: a DM). Round ids come from buttons
   * and forms, which a modified client can forge, so every user-facing step goes through here.
   */
  async roundIn(roundId: string, guildId: string | null): Promise<GroupRound> {
    const round = await this.round(roundId);
    if (round.guildId !== guildId) throw new RoundError("That round belongs to another server.");
    return round;
  }

  /** The round, if it belongs to `guildId` and still takes answers and ratings. */
  async openRound(roundId: string, guildId: string | null): Promise<GroupRound> {
    const round = await this.roundIn(roundId, guildId);
    if (round.status !== "open" || round.closesAt <= this.at())
      throw new RoundError("This round is closed. Its summary is in the thread.");
    return round;
  }

  async openRounds(guildId: string): Promise<GroupRound[]> {
    return this.deps.store.groups.listOpenRounds(guildId);
  }

  async entry(roundId: string, userId: string): Promise<RoundEntry | null> {
    return this.deps.store.groups.getEntry(roundId, userId);
  }

  /** Stores and grades an answer; a second answer from the same user replaces the first. */
  async answer(
    roundId: string,
    guildId: string | null,
    userId: string,
    text: string,
  ): Promise<{ round: GroupRound; feedback: Feedback; replaced: boolean; share: RoundEntry["share"] }> {
    const round = await this.openRound(roundId, guildId);
    const question = this.deps.sessions.questionRef(round.questionId);
    const previous = await this.entry(roundId, userId);
    const share = previous?.share ?? "none";
    const enter = async (attemptId: string) => {
      const at = this.at();
      await this.deps.store.groups.saveEntry({
        roundId,
        userId,
        attemptId,
        share,
        createdAt: previous?.createdAt ?? at,
        updatedAt: at,
      });
      // Peers rated the earlier text; their ratings do not carry over to the new one.
      if (previous) await this.deps.store.groups.clearRatingsOf(roundId, userId);
    };
    let feedback: Feedback;
    try {
      feedback = await this.deps.sessions.gradeSingle(
        { userId, question, level: round.level, text, kind: "group" },
        { guildId: round.guildId },
      );
    } catch (err) {
      // The answer is stored even when grading failed: it stays the user's entry, and "Grade again"
      // grades it in place, in time for the summary.
      if (err instanceof GradingFailedError) await enter(err.attemptId);
      throw err;
    }
    await enter(feedback.attempt.id);
    return { round, feedback, replaced: previous !== null, share };
  }

  async setShare(
    roundId: string,
    guildId: string | null,
    userId: string,
    share: RoundEntry["share"],
  ): Promise<void> {
    await this.openRound(roundId, guildId);
    if (!(await this.deps.store.groups.setShare(roundId, userId, share, this.at())))
      throw new RoundError("Answer the question first; then you can choose what the group sees.");
  }

  private async shownText(entry: RoundEntry): Promise<{ text: string; masked: boolean } | null> {
    if (entry.share === "none") return null;
    const attempt = await this.deps.store.getAttempt(entry.attemptId);
    if (!attempt) return null;
    return entry.share === "masked"
      ? { text: maskAnswer(attempt.answerText, this.keep).text, masked: true }
      : { text: attempt.answerText, masked: false };
  }

  /**
   * An answer for `raterId` to rate: someone else's, shared by its author, the one with the fewest ratings
   * from this rater first (so each click moves on), then the fewest ratings overall; or `targetId`'s.
   */
  async reviewable(
    roundId: string,
    guildId: string | null,
    raterId: string,
    targetId?: string,
  ): Promise<Reviewable | null> {
    await this.openRound(roundId, guildId);
    const [entries, ratings] = await Promise.all([
      this.deps.store.groups.listEntries(roundId),
      this.deps.store.groups.listRatings(roundId),
    ]);
    const candidates = entries.filter(
      (e) => e.userId !== raterId && e.share !== "none" && (targetId === undefined || e.userId === targetId),
    );
    const mine = (e: RoundEntry) => ratings.filter((r) => r.raterId === raterId && r.targetId === e.userId);
    const all = (e: RoundEntry) => ratings.filter((r) => r.targetId === e.userId).length;
    const sorted = [...candidates].sort((a, b) => mine(a).length - mine(b).length || all(a) - all(b));
    for (const entry of sorted) {
      const shown = await this.shownText(entry);
      if (!shown) continue;
      const given = Object.fromEntries(mine(entry).map((r) => [r.criterion, r.score]));
      return { entry, ...shown, given };
    }
    return null;
  }

  async rate(
    roundId: string,
    guildId: string | null,
    raterId: string,
    targetId: string,
    criterion: CriterionId,
    score: number,
  ): Promise<void> {
    await this.openRound(roundId, guildId);
    if (raterId === targetId) throw new RoundError("You cannot rate your own answer.");
    const entry = await this.entry(roundId, targetId);
    if (!entry || entry.share === "none") throw new RoundError("That answer is no longer shared for review.");
    await this.deps.store.groups.rate({ roundId, raterId, targetId, criterion, score, at: this.at() });
  }

  /**
   * Closes the round and sums it up; null when another closer (a shard, a process) got there first. With
   * `summary`, the close also claims the posting of the summary (see GroupStore.closeRound).
   */
  async close(
    roundId: string,
    by: string | null,
    summary: ClaimRequest | null = null,
  ): Promise<{ round: GroupRound; summary: RoundSummary } | null> {
    if (!(await this.deps.store.groups.closeRound(roundId, this.at(), by, summary))) return null;
    const round = await this.round(roundId);
    return { round, summary: await this.summary(round) };
  }

  async summary(round: GroupRound): Promise<RoundSummary> {
    const [entries, ratings] = await Promise.all([
      this.deps.store.groups.listEntries(round.id),
      this.deps.store.groups.listRatings(round.id),
    ]);
    // Every answer and author in one query each, not two per entry.
    const [attempts, users] = await Promise.all([
      this.deps.store.getAttempts(entries.map((e) => e.attemptId)),
      this.deps.store.getUsers(entries.map((e) => e.userId)),
    ]);
    const attemptById = new Map(attempts.map((a) => [a.id, a]));
    const userById = new Map(users.map((u) => [u.id, u]));
    const graded: SummaryEntry[] = [];
    for (const e of entries) {
      const attempt = attemptById.get(e.attemptId);
      const user = userById.get(e.userId);
      if (!attempt?.grade) continue;
      graded.push({
        userId: e.userId,
        name: user?.settings.public ? (user.displayName ?? null) : null,
        grade: attempt.grade as Grade,
        answerText: attempt.answerText,
        share: e.share,
      });
    }
    return summarizeRound(graded, ratings, this.keep);
  }

  /**
   * The grader's notes as the group may see them: an LLM's note can repeat a figure or an employer, so
   * they are masked unless the author shares their answer as written.
   */
  notesForGroup(grade: Grade, share: RoundEntry["share"]): Record<CriterionId, string> {
    return Object.fromEntries(
      CRITERIA.map((c) => {
        const note = grade.criteria[c].note;
        return [c, share === "verbatim" ? note : maskAnswer(note, this.keep).text];
      }),
    ) as Record<CriterionId, string>;
  }

  /** Rounds whose time is up, for the closer. */
  async due(): Promise<GroupRound[]> {
    return this.deps.store.groups.listDueRounds(this.at());
  }

  /** Closed rounds whose summary is still to post (a failed or interrupted post), for the closer. */
  async pendingSummaries(): Promise<GroupRound[]> {
    return this.deps.store.groups.listPendingSummaries(this.at());
  }
}
