import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { applyRetention } from "../../src/sessions/create.js";
import { GradingFailedError, RoundError } from "../../src/sessions/errors.js";
import { GroupService } from "../../src/sessions/group-service.js";
import { content, STRONG_ANSWER } from "../helpers/grade.js";
import { harness, offlineGrade } from "../helpers/sessions.js";

/** A group service on a real SQLite file, with an inventory round open in g1. */
async function groups(options: Parameters<typeof harness>[0] = {}) {
  const h = await harness(options);
  const service = new GroupService({
    store: h.store,
    content,
    sessions: h.service,
    newId: randomUUID,
    now: () => h.clock.now,
    random: () => 0.5,
  });
  const { round } = await service.start({
    guildId: "g1",
    channelId: "c1",
    startedBy: "u1",
    source: "group",
    level: "mid",
    competencies: ["inventory"],
    minutes: 30,
  });
  return { ...h, sessions: h.service, service, round };
}

describe("group rounds", () => {
  it("picks a question for the level and focus and stores the close time", async () => {
    const { round, store } = await groups();
    expect(content.bank.get(round.questionId)?.competency).toBe("inventory");
    expect(round.closesAt).toBe("2026-02-02T09:30:00.000Z");
    expect(await store.groups.getRound(round.id)).toEqual(round);
    await store.close();
  });

  it("stores group answers with the server id, keeps one per user, and keeps the user's share choice", async () => {
    const { service, round, store } = await groups();
    const first = await service.answer(round.id, "g1", "u2", "We had issues and fixed them.");
    expect(first.replaced).toBe(false);
    expect(first.feedback.attempt).toMatchObject({ kind: "group", guildId: "g1" });
    await service.setShare(round.id, "g1", "u2", "masked");
    const second = await service.answer(round.id, "g1", "u2", STRONG_ANSWER);
    expect(second).toMatchObject({ replaced: true, share: "masked" });
    const entries = await store.groups.listEntries(round.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.attemptId).toBe(second.feedback.attempt.id);
    // Both answers stay in the user's own history.
    expect(await store.listAttempts("u2")).toHaveLength(2);
    await store.close();
  });

  it("refuses every step on a round from another server or a DM, and stores nothing", async () => {
    const { service, round, store } = await groups();
    await service.answer(round.id, "g1", "u2", STRONG_ANSWER);
    await service.setShare(round.id, "g1", "u2", "verbatim");
    for (const elsewhere of ["g2", null]) {
      const refused = "That round belongs to another server.";
      await expect(service.roundIn(round.id, elsewhere)).rejects.toThrow(refused);
      await expect(service.openRound(round.id, elsewhere)).rejects.toThrow(refused);
      await expect(service.answer(round.id, elsewhere, "u3", STRONG_ANSWER)).rejects.toThrow(refused);
      await expect(service.reviewable(round.id, elsewhere, "u3")).rejects.toThrow(refused);
      await expect(service.rate(round.id, elsewhere, "u3", "u2", "task", 4)).rejects.toThrow(refused);
      await expect(service.setShare(round.id, elsewhere, "u2", "none")).rejects.toThrow(refused);
    }
    expect((await store.groups.listEntries(round.id)).map((e) => [e.userId, e.share])).toEqual([
      ["u2", "verbatim"],
    ]);
    expect(await store.groups.listRatings(round.id)).toEqual([]);
    expect(await store.listAttempts("u3")).toEqual([]);
    await store.close();
  });

  it("refuses rating your own answer, an answer that is not shared, and anything once the round is over", async () => {
    const { service, round, store, clock } = await groups();
    await service.answer(round.id, "g1", "u2", STRONG_ANSWER);
    await service.answer(round.id, "g1", "u3", STRONG_ANSWER);
    await expect(service.setShare(round.id, "g1", "u9", "verbatim")).rejects.toThrow(RoundError);
    await expect(service.rate(round.id, "g1", "u3", "u2", "task", 3)).rejects.toThrow("no longer shared");
    await service.setShare(round.id, "g1", "u2", "verbatim");
    await expect(service.rate(round.id, "g1", "u2", "u2", "task", 3)).rejects.toThrow("your own answer");
    expect(await service.reviewable(round.id, "g1", "u2")).toBeNull();
    const review = await service.reviewable(round.id, "g1", "u3");
    expect(review?.entry.userId).toBe("u2");
    expect(review?.text).toBe(STRONG_ANSWER);
    await service.rate(round.id, "g1", "u3", "u2", "task", 3);
    expect((await service.reviewable(round.id, "g1", "u3"))?.given).toEqual({ task: 3 });
    // A replaced answer starts without ratings: they were for the earlier text.
    await service.answer(round.id, "g1", "u2", `${STRONG_ANSWER} It has held for a year.`);
    expect((await service.reviewable(round.id, "g1", "u3"))?.given).toEqual({});
    await service.rate(round.id, "g1", "u3", "u2", "task", 3);
    clock.now = new Date("2026-02-02T09:31:00.000Z");
    await expect(service.answer(round.id, "g1", "u4", STRONG_ANSWER)).rejects.toThrow("This round is closed");
    await expect(service.rate(round.id, "g1", "u3", "u2", "task", 4)).rejects.toThrow(RoundError);
    expect((await service.due()).map((r) => r.id)).toEqual([round.id]);
    const closed = await service.close(round.id, null);
    expect(closed?.summary.answered).toBe(2);
    expect(closed?.summary.peer?.ratings).toBe(1);
    expect(await service.close(round.id, null)).toBeNull();
    expect(await service.due()).toEqual([]);
    await store.close();
  });

  it("keeps an answer whose grading failed as the user's entry, and the summary counts it once graded", async () => {
    let down = true;
    const { service, sessions, round, store } = await groups({
      grade: async (input, who) => {
        if (down) throw new Error("grader down");
        return offlineGrade(input, who);
      },
    });
    const failed = await service.answer(round.id, "g1", "u2", STRONG_ANSWER).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(GradingFailedError);
    const entry = await store.groups.getEntry(round.id, "u2");
    expect(entry?.attemptId).toBe((failed as GradingFailedError).attemptId);
    expect((await service.summary(round)).answered).toBe(0);
    down = false;
    await sessions.regrade((failed as GradingFailedError).attemptId, "u2", { guildId: "g1" });
    expect((await service.summary(round)).answered).toBe(1);
    await store.close();
  });

  it("masks the grader's notes for the group unless the author shares their answer as written", async () => {
    const { service, round, store } = await groups();
    const { feedback } = await service.answer(round.id, "g1", "u2", STRONG_ANSWER);
    const grade = {
      ...feedback.grade,
      criteria: {
        ...feedback.grade.criteria,
        result: { ...feedback.grade.criteria.result, note: "Penalties at Acme Foods fell by $40K." },
      },
    };
    expect(service.notesForGroup(grade, "none").result).toBe("Penalties at [name] fell by [figure].");
    expect(service.notesForGroup(grade, "masked").result).toBe("Penalties at [name] fell by [figure].");
    expect(service.notesForGroup(grade, "verbatim").result).toBe("Penalties at Acme Foods fell by $40K.");
    expect(service.notesForGroup(grade, "none").task).toBe(grade.criteria.task.note);
    await store.close();
  });

  it("applies a server's retention to the answers given in that server only", async () => {
    const { service, round, store } = await groups();
    await service.answer(round.id, "g1", "u2", STRONG_ANSWER);
    await store.saveGuildSettings("g1", { ...(await store.getGuildSettings("g1")), retentionDays: 7 }, "x");
    const config = parseConfig({});
    expect(await applyRetention(config, store, new Date("2026-02-05T00:00:00.000Z"))).toBe(0);
    expect(await applyRetention(config, store, new Date("2026-02-10T00:00:00.000Z"))).toBe(1);
    expect(await store.listAttempts("u2")).toEqual([]);
    await store.close();
  });
});
