import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerKeptError, GradingFailedError, NotYourSessionError } from "../../src/sessions/errors.js";
import { DEFAULT_GRADE_LEASE_MS } from "../../src/sessions/session-service.js";
import { ROOT } from "../helpers/run-cli.js";
import { harness, offlineGrade, tempDbPath } from "../helpers/sessions.js";

const CONFIG = {
  level: "entry" as const,
  competencies: ["inventory"],
  questionCount: 2,
  followUps: true,
  answerTimeLimitSec: null,
};
const WEAK =
  "At our warehouse the stock counts were often wrong and customers complained. I was asked to fix it. I retrained the team on the scanners and changed how we count.";
const RESULT =
  "As a result, inventory record accuracy rose from 88% to 97% within three months, and short shipments fell by 40%, saving about $30,000 a year.";

describe("session service", () => {
  it("grades an answer given outside the interview's server (a voice message in a DM) as that server's", async () => {
    const seen: Array<string | null> = [];
    const { service, store } = await harness({
      grade: async (input, context) => {
        seen.push(context.guildId);
        return offlineGrade(input, context);
      },
    });
    const started = await service.start("u-dm", CONFIG, "Ada", null, "guild-1");
    expect(started.state.guildId).toBe("guild-1");
    const answered = await service.answer(started.state.id, "u-dm", WEAK, { guildId: null });
    expect(seen).toEqual(["guild-1"]);
    expect((await store.getAttempt(answered.feedback?.attempt.id ?? ""))?.guildId).toBe("guild-1");
    // Given in another server it is that server's answer: the context wins when it names one.
    await service.followUp(started.state.id, "u-dm", RESULT, { guildId: "guild-2" });
    expect(seen).toEqual(["guild-1", "guild-2"]);
  });

  it("runs a mock interview: answer, follow-up graded with the first answer, next, report", async () => {
    const { service, store } = await harness();
    const started = await service.start("u1", CONFIG, "Ada");
    expect(started.effects[0]).toMatchObject({ type: "ask_question", index: 0, of: 2 });
    const first = await service.answer(started.state.id, "u1", WEAK);
    expect(first.feedback?.grade.criteria.result.score).toBeLessThanOrEqual(1);
    expect(first.state.phase).toBe("awaiting_follow_up");
    const probe = first.effects.find((e) => e.type === "ask_follow_up");
    expect(probe).toBeDefined();
    const second = await service.followUp(started.state.id, "u1", RESULT);
    expect(second.feedback?.grade.criteria.result.score).toBeGreaterThanOrEqual(3);
    expect(second.feedback?.attempt.combineWith).toBe(first.feedback?.attempt.id);
    const next = await service.next(started.state.id, "u1");
    expect(next.effects[0]).toMatchObject({ type: "ask_question", index: 1 });
    await service.skip(started.state.id, "u1");
    const done = await store.getSession(started.state.id);
    expect(done?.state.status).toBe("finished");
    const report = await service.report(done?.state ?? started.state);
    expect(report.questions[0]?.overall).toBe(second.feedback?.grade.overall);
    expect(report.questions[1]?.skipped).toBe(true);
    const progress = await service.progress("u1");
    expect(progress.attempts).toBe(1);
    expect(progress.competencies.find((c) => c.id === "inventory")?.attempts).toBe(1);
    await store.close();
  });

  it("keeps the answer when grading fails, and grades it on recovery", async () => {
    const path = tempDbPath();
    const broken = await harness({ path, grade: () => Promise.reject(new Error("grader down")) });
    const started = await broken.service.start("u2", CONFIG);
    const failure = await broken.service.answer(started.state.id, "u2", WEAK).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(GradingFailedError);
    expect((failure as GradingFailedError).cause).toMatchObject({ message: "grader down" });
    const [pending] = await broken.store.listUngraded();
    expect(pending?.answerText).toBe(WEAK);
    expect(pending?.id).toBe((failure as GradingFailedError).attemptId);
    await broken.store.close();
    const healthy = await harness({ path });
    expect(await healthy.service.recoverUngraded()).toBe(1);
    const state = await healthy.service.get(started.state.id, "u2");
    expect(state.phase).toBe("awaiting_follow_up");
    expect(state.items[0]?.attempts[0]?.overall).not.toBeNull();
    await healthy.store.close();
  });

  it("says an answer is kept when it was stored and only the interview could not be saved", async () => {
    const { service, store } = await harness();
    const started = await service.start("u1", CONFIG, "Ada");
    // The disk fills after the answer is written: the session's own save fails.
    const saveSession = store.saveSession.bind(store);
    store.saveSession = async () => {
      throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    };
    const failed = await service.answer(started.state.id, "u1", WEAK).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(AnswerKeptError);
    const attempts = await store.listAttempts("u1");
    expect(attempts.map((a) => a.answerText)).toEqual([WEAK]);
    expect((failed as AnswerKeptError).attemptId).toBe(attempts[0]?.id);
    store.saveSession = saveSession;
  });

  it("grades a stored answer again on request, once", async () => {
    const path = tempDbPath();
    let fail = true;
    const { service, store } = await harness({
      path,
      grade: async (input) => {
        if (fail) throw new Error("timeout");
        return offlineGrade(input, { userId: "u4", guildId: null });
      },
    });
    const started = await service.start("u4", CONFIG);
    const failure = (await service
      .answer(started.state.id, "u4", WEAK)
      .catch((err: unknown) => err)) as GradingFailedError;
    fail = false;
    await expect(service.regrade(failure.attemptId, "someone-else")).rejects.toBeInstanceOf(
      NotYourSessionError,
    );
    const again = await service.regrade(failure.attemptId, "u4");
    expect(again.feedback.grade.grader).toBe("offline");
    expect(again.state?.phase).toBe("awaiting_follow_up");
    const twice = await service.regrade(failure.attemptId, "u4");
    expect(twice.feedback.grade).toEqual(again.feedback.grade);
    await store.close();
  });

  it("refuses another user's session", async () => {
    const { service, store } = await harness();
    const started = await service.start("owner", CONFIG);
    await expect(service.answer(started.state.id, "intruder", WEAK)).rejects.toBeInstanceOf(
      NotYourSessionError,
    );
    await store.close();
  });

  it("expires an idle session and resumes it at the same question", async () => {
    const { service, store, clock } = await harness();
    const started = await service.start("u3", CONFIG);
    clock.now = new Date(clock.now.getTime() + 3 * 3_600_000);
    const open = await service.open("u3");
    expect(open?.status).toBe("expired");
    const blocked = await service.answer(started.state.id, "u3", WEAK);
    expect(blocked.error?.code).toBe("session_expired");
    const resumed = await service.resume(started.state.id, "u3");
    expect(resumed.effects[0]).toMatchObject({
      type: "ask_question",
      questionId: started.state.items[0]?.questionId,
    });
    await store.close();
  });

  it("grades at the next start an answer whose process was killed mid-grading", async () => {
    const path = tempDbPath();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "test", "fixtures", "crash-mid-grade.ts"), path],
      { cwd: ROOT },
    );
    let out = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("GRADING")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`child exited early (${code}): ${out}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("close", r));
    const sessionId = /SESSION (\S+)/.exec(out)?.[1] ?? "";
    const { service, store, clock } = await harness({ path });
    expect((await store.listUngraded()).map((a) => a.sessionId)).toEqual([sessionId]);
    // The killed process still held its claim on grading the answer: nobody else grades it until the
    // claim lapses (a live process on another shard would be grading it right now).
    expect(await service.recoverUngraded()).toBe(0);
    clock.now = new Date(clock.now.getTime() + DEFAULT_GRADE_LEASE_MS + 1000);
    expect(await service.recoverUngraded()).toBe(1);
    const state = await service.get(sessionId, "crash-user");
    expect(state.items[0]?.attempts[0]?.overall).toBeGreaterThanOrEqual(3);
    expect(await store.listUngraded()).toEqual([]);
    await store.close();
  });
});
