import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Action, decodeAction, encodeAction } from "../../src/discord/custom-ids.js";
import { type EmbedData, fitEmbed, LIMITS, splitContent, truncate } from "../../src/discord/limits.js";
import { commandDefinitions } from "../../src/discord/register.js";
import { feedbackEmbed } from "../../src/discord/render/feedback-embed.js";
import { grade } from "../helpers/grade.js";

const len = (s: string | undefined) => Array.from(s ?? "").length;

function withinLimits(e: EmbedData): void {
  expect(len(e.title)).toBeLessThanOrEqual(LIMITS.embedTitle);
  expect(len(e.description)).toBeLessThanOrEqual(LIMITS.embedDescription);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  let total = len(e.title) + len(e.description) + len(e.footer?.text);
  for (const f of e.fields ?? []) {
    expect(len(f.name)).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(len(f.value)).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(len(f.value)).toBeGreaterThan(0);
    total += len(f.name) + len(f.value);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
}

describe("Discord limits", () => {
  it("truncates by code point, never splitting an emoji", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("🚚🚚🚚🚚", 3)).toBe("🚚🚚…");
    expect(truncate("short", 10)).toBe("short");
  });

  it("fits any embed: texts, 25 fields, 6,000 characters", () => {
    const big = "x".repeat(5000);
    const e = fitEmbed({
      title: big,
      description: big,
      footer: { text: big },
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `${i}${big}`, value: big })),
    });
    withinLimits(e);
  });

  it("splits long content into messages of at most 2,000 characters", () => {
    const parts = splitContent(`${"word ".repeat(900)}\n${"line\n".repeat(300)}`);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(len(p)).toBeLessThanOrEqual(LIMITS.content);
  });

  it("keeps feedback for any answer within the limits, with mentions only as text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 4000 }), (text) => {
        const answer = `@everyone <@&123456789012345678> ${text} I cut scrap from 9% to 3%.`;
        withinLimits(
          feedbackEmbed({
            grade: grade(answer),
            title: "Feedback",
            followUp: "x".repeat(3000),
            previous: grade("We did things."),
          }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("round-trips every custom id within 100 characters", () => {
    const uuid = "123e4567-e89b-12d3-a456-426614174000";
    const actions: Action[] = [
      { kind: "iv-answer", sessionId: uuid, step: "follow_up", structured: true },
      { kind: "iv-submit", sessionId: uuid, step: "retry", structured: false },
      { kind: "iv-next", sessionId: uuid },
      { kind: "iv-posting", level: null, questions: 3, followUps: true, structured: false },
      { kind: "iv-posting", level: "executive", questions: 10, followUps: false, structured: true },
      {
        kind: "pr-answer",
        questionId: "strat-core-capability-in-or-out",
        level: "executive",
        previous: uuid,
        structured: true,
      },
      {
        kind: "pr-submit",
        questionId: "inv-cycle-count-gap",
        level: "entry",
        previous: null,
        structured: false,
      },
      { kind: "grade-submit" },
      { kind: "regrade", attemptId: uuid },
      { kind: "mydata-delete", userId: "123456789012345678" },
      { kind: "gr-answer", roundId: uuid, replace: true },
      { kind: "gr-answer", roundId: uuid, replace: false },
      { kind: "gr-submit", roundId: uuid },
      { kind: "gr-share", roundId: uuid, share: "masked" },
      { kind: "gr-review", roundId: uuid },
      { kind: "gr-rate", roundId: uuid, targetId: "12345678901234567890", criterion: "data_evidence" },
      { kind: "gr-close", roundId: uuid },
    ];
    for (const a of actions) {
      const id = encodeAction(a);
      expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(decodeAction(id)).toEqual(a);
    }
    expect(decodeAction("something-else|1")).toBeNull();
    expect(decodeAction("iv-next")).toBeNull();
    expect(decodeAction("iv-posting|-|11|1|0")).toBeNull();
    expect(decodeAction("iv-posting|-|two|1|0")).toBeNull();
  });

  it("defines the commands with valid names and within Discord's option limits", () => {
    const defs = commandDefinitions();
    expect(defs.map((d) => d.name)).toEqual([
      "interview",
      "practice",
      "grade",
      "progress",
      "star",
      "rubric",
      "mydata",
      "settings",
      "group",
      "daily",
      "leaderboard",
      "story",
    ]);
    for (const d of defs) {
      expect(d.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(d.description.length).toBeLessThanOrEqual(100);
    }
  });
});
