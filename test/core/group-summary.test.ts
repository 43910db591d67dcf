import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { CRITERIA, type CriterionId } from "../../src/core/criteria.js";
import { type Grade, GradeSchema } from "../../src/core/grading/types.js";
import { keepTerms, maskAnswer } from "../../src/core/group/mask.js";
import { type PeerRating, peerAgreement } from "../../src/core/group/peer.js";
import { type RoundEntry, type Share, summarizeRound } from "../../src/core/group/summary.js";

const keep = keepTerms(shippedContent().lexicon);

type Details = Partial<Record<CriterionId, { evidence?: string[]; note?: string }>>;

/** A valid grade with the given overall and criterion scores (in CRITERIA order). */
function makeGrade(overall: number, scores: readonly number[], details: Details = {}): Grade {
  return GradeSchema.parse({
    grader: "offline",
    overall,
    criteria: Object.fromEntries(
      CRITERIA.map((c, i) => [
        c,
        {
          score: scores[i] ?? 0,
          evidence: details[c]?.evidence ?? [],
          note: details[c]?.note ?? `${c} note`,
        },
      ]),
    ),
    flags: {
      quantified_result: false,
      baseline_and_after: false,
      method_or_framework: false,
      first_person_ownership: false,
      hypothetical: false,
    },
    missing: [],
    follow_up: "",
    tips: [],
    notices: [],
    arithmetic: [],
    level: "entry",
    question_id: null,
    stats: { words: 0, speaking_seconds: 0, sentences: 0, methods: [], scope: [] },
    rubric: { id: "star", version: 1 },
  });
}

const ANA_ANSWER =
  "At Acme Foods, on-time was 84%. I re-slotted 40 SKUs at Acme using 5S. On-time rose to 98%.";
const ANA_GRADE = makeGrade(4, [3, 3, 4, 3, 2, 3], {
  action: { evidence: ["I re-slotted 40 SKUs at Acme using 5S."], note: "Specific steps at Acme, with 5S." },
  situation: { evidence: ["At Acme Foods, on-time was 84%."], note: "Context in numbers: 84% on-time." },
  task: { evidence: [], note: "Your own goal is clear." },
  result: { evidence: ["On-time rose to 98%."] },
});
const entry = (
  userId: string,
  name: string | null,
  grade: Grade,
  share: Share,
  answerText = "",
): RoundEntry => ({
  userId,
  name,
  grade,
  answerText,
  share,
});
const round = (anaShare: Share, anaName: string | null = "Ana") => [
  entry("ana", anaName, ANA_GRADE, anaShare, ANA_ANSWER),
  entry("bo", null, makeGrade(2, [1, 0, 2, 1, 0, 2]), "none", "We fixed things at Globex."),
  entry("cy", "Cy", makeGrade(4, [3, 3, 3, 3, 2, 3], { action: { evidence: ["I mapped it."] } }), "verbatim"),
];

describe("summarizeRound", () => {
  it("counts, averages and orders what the group missed most", () => {
    const s = summarizeRound(round("verbatim"), [], keep);
    expect(s.answered).toBe(3);
    expect(s.distribution).toEqual([0, 1, 0, 2, 0]);
    expect(s.average).toBe(3.3);
    expect(s.criteria).toEqual([
      { criterion: "situation", average: 2.3 },
      { criterion: "task", average: 2 },
      { criterion: "action", average: 3 },
      { criterion: "result", average: 2.3 },
      { criterion: "data_evidence", average: 1.3 },
      { criterion: "ownership", average: 2.7 },
    ]);
    // Four criteria missed once each: lowest average first, then rubric order (situation before result).
    expect(s.mostMissed).toEqual([
      { criterion: "data_evidence", missed: 1, average: 1.3 },
      { criterion: "task", missed: 1, average: 2 },
      { criterion: "situation", missed: 1, average: 2.3 },
    ]);
    expect(s.peer).toBeNull();
  });

  it("picks the strongest answer by overall, then by criterion total, and quotes its best criteria", () => {
    expect(summarizeRound(round("verbatim"), [], keep).strongest).toEqual({
      overall: 4,
      name: "Ana",
      evidence: [
        { criterion: "action", quote: "I re-slotted 40 SKUs at Acme using 5S." },
        { criterion: "situation", quote: "At Acme Foods, on-time was 84%." },
        { criterion: "result", quote: "On-time rose to 98%." },
      ],
      notes: [
        { criterion: "action", note: "Specific steps at Acme, with 5S." },
        { criterion: "situation", note: "Context in numbers: 84% on-time." },
        { criterion: "task", note: "Your own goal is clear." },
      ],
    });
  });

  it("masks quotes and notes when the author shared a masked answer", () => {
    expect(summarizeRound(round("masked"), [], keep).strongest).toEqual({
      overall: 4,
      name: "Ana",
      evidence: [
        { criterion: "action", quote: "I re-slotted [figure] SKUs at [name] using 5S." },
        { criterion: "situation", quote: "At [name], on-time was [figure]." },
        { criterion: "result", quote: "On-time rose to [figure]." },
      ],
      notes: [
        { criterion: "action", note: "Specific steps at [name], with 5S." },
        { criterion: "situation", note: "Context in numbers: [figure] on-time." },
        { criterion: "task", note: "Your own goal is clear." },
      ],
    });
  });

  it("shows notes but no quotes when the author shared nothing, and neither when not named", () => {
    const none = summarizeRound(round("none"), [], keep).strongest;
    expect(none?.evidence).toEqual([]);
    expect(none?.notes.map((n) => n.note)).toEqual([
      "Specific steps at [name], with 5S.",
      "Context in numbers: [figure] on-time.",
      "Your own goal is clear.",
    ]);
    expect(summarizeRound(round("verbatim", null), [], keep).strongest).toEqual({
      overall: 4,
      name: null,
      evidence: [],
      notes: [],
    });
  });

  it("breaks a full tie by entry order", () => {
    const g = makeGrade(3, [2, 2, 2, 2, 2, 2]);
    const s = summarizeRound([entry("x", "X", g, "none"), entry("y", "Y", g, "none")], [], keep);
    expect(s.strongest?.name).toBe("X");
  });

  it("summarizes an empty round", () => {
    expect(summarizeRound([], [], keep)).toEqual({
      answered: 0,
      distribution: [0, 0, 0, 0, 0],
      average: null,
      mostMissed: [],
      criteria: [],
      strongest: null,
      peer: null,
    });
  });

  it("compares peer ratings with the grader's scores", () => {
    const ratings: PeerRating[] = [
      { raterId: "bo", targetId: "ana", criterion: "action", score: 3 },
      { raterId: "cy", targetId: "ana", criterion: "action", score: 4 },
      { raterId: "cy", targetId: "ana", criterion: "action", score: 2 }, // changed their mind: this one counts
      { raterId: "ana", targetId: "ana", criterion: "action", score: 4 }, // own answer: ignored
      { raterId: "ana", targetId: "bo", criterion: "task", score: 1 },
      { raterId: "ana", targetId: "zed", criterion: "task", score: 1 }, // not in the round: ignored
    ];
    // ana/action: peers 3 and 2, mean 2.5 against 4; bo/task: peer 1 against 0.
    expect(summarizeRound(round("none"), ratings, keep).peer).toEqual({
      ratings: 3,
      raters: 3,
      pairs: 2,
      exact: 0,
      withinOne: 0.5,
      meanDifference: -0.2,
      perCriterion: [
        { criterion: "task", pairs: 1, meanDifference: 1 },
        { criterion: "action", pairs: 1, meanDifference: -1.5 },
      ],
    });
  });
});

const ALL_FOURS = Object.fromEntries(CRITERIA.map((c) => [c, 4])) as Record<CriterionId, number>;

describe("peerAgreement", () => {
  it("is null without a usable rating", () => {
    const scores = new Map([["a", ALL_FOURS]]);
    expect(peerAgreement([], scores)).toBeNull();
    expect(peerAgreement([{ raterId: "a", targetId: "a", criterion: "task", score: 4 }], scores)).toBeNull();
    expect(peerAgreement([{ raterId: "b", targetId: "a", criterion: "task", score: 7 }], scores)).toBeNull();
  });

  const scoresArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 });
  const setup = fc.record({
    graders: fc.array(scoresArb, { minLength: 1, maxLength: 4 }),
    ratings: fc.array(
      fc.record({
        rater: fc.integer({ min: 0, max: 4 }),
        target: fc.integer({ min: 0, max: 4 }),
        criterion: fc.constantFrom(...CRITERIA),
        score: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 30 },
    ),
  });
  const toMap = (graders: number[][]) =>
    new Map(
      graders.map((s, i) => [
        `u${i}`,
        Object.fromEntries(CRITERIA.map((c, j) => [c, s[j] ?? 0])) as Record<CriterionId, number>,
      ]),
    );

  it("gives shares in [0, 1], exact never above within one, pairs that add up", () => {
    fc.assert(
      fc.property(setup, ({ graders, ratings }) => {
        const rs = ratings.map((r) => ({ ...r, raterId: `u${r.rater}`, targetId: `u${r.target}` }));
        const a = peerAgreement(rs, toMap(graders));
        if (a === null) return;
        for (const share of [a.exact, a.withinOne]) expect(share >= 0 && share <= 1).toBe(true);
        expect(a.exact).toBeLessThanOrEqual(a.withinOne);
        expect(a.pairs).toBeLessThanOrEqual(a.ratings);
        expect(a.raters).toBeLessThanOrEqual(a.ratings);
        expect(a.perCriterion.reduce((n, c) => n + c.pairs, 0)).toBe(a.pairs);
        expect(Math.abs(a.meanDifference)).toBeLessThanOrEqual(4);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees perfectly when peers give the grader's scores", () => {
    fc.assert(
      fc.property(setup, ({ graders, ratings }) => {
        const scores = toMap(graders);
        const rs = ratings.map((r) => {
          const targetId = `u${r.target % graders.length}`;
          return { ...r, raterId: `r${r.rater}`, targetId, score: scores.get(targetId)?.[r.criterion] ?? 0 };
        });
        const a = peerAgreement(rs, scores);
        if (rs.length === 0) expect(a).toBeNull();
        else {
          expect(a).toMatchObject({ exact: 1, withinOne: 1, meanDifference: 0 });
          for (const c of a?.perCriterion ?? []) expect(c.meanDifference).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("summarizeRound privacy", () => {
  const entryArb = fc.record({
    overall: fc.integer({ min: 1, max: 5 }),
    scores: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 }),
    named: fc.boolean(),
    share: fc.constantFrom<Share>("none", "masked", "verbatim"),
    note: fc.string({ maxLength: 30 }),
    extra: fc.string({ maxLength: 30 }),
  });
  /** Display names and answers carry per-entry markers that nothing else can contain. */
  const build = (r: typeof entryArb extends fc.Arbitrary<infer T> ? T : never, i: number) => {
    const displayName = `Zorawq${i}`;
    const answerText = `Answer${i}xq: at Acme we cut lead time 14 days to 6. ${r.extra}`;
    const details = Object.fromEntries(CRITERIA.map((c) => [c, { evidence: [answerText], note: r.note }]));
    return {
      displayName,
      entry: entry(
        `user${i}`,
        r.named ? displayName : null,
        makeGrade(r.overall, r.scores, details),
        r.share,
        answerText,
      ),
    };
  };

  it("never shows the name of someone not named, nor the text of an answer not shared", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 6 }), (records) => {
        const built = records.map(build);
        const summary = summarizeRound(
          built.map((b) => b.entry),
          [],
          keep,
        );
        const json = JSON.stringify(summary);
        built.forEach(({ displayName, entry: e }, i) => {
          if (e.name === null) expect(json).not.toContain(displayName);
          // The marker holds a digit, so masking hides it too.
          if (e.share !== "verbatim") expect(json).not.toContain(`Answer${i}xq`);
        });
        if (summary.strongest?.name === null)
          expect(summary.strongest).toMatchObject({ evidence: [], notes: [] });
        const quotes = summary.strongest?.evidence.map((q) => q.quote) ?? [];
        expect(quotes.length).toBeLessThanOrEqual(3);
        const best = built.find((b) => b.entry.name === summary.strongest?.name)?.entry;
        if (best?.share === "masked")
          for (const q of quotes) expect(q).toBe(maskAnswer(best.answerText, keep).text.trim());
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the counts consistent", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 8 }), (records) => {
        const entries = records.map((r, i) => build(r, i).entry);
        const s = summarizeRound(entries, [], keep);
        expect(s.distribution.reduce((a, b) => a + b, 0)).toBe(entries.length);
        expect(s.mostMissed.length).toBeLessThanOrEqual(3);
        for (let i = 1; i < s.mostMissed.length; i++)
          expect(s.mostMissed[i - 1]?.missed).toBeGreaterThanOrEqual(s.mostMissed[i]?.missed ?? 0);
        if (entries.length)
          expect(s.strongest?.overall).toBe(Math.max(...entries.map((e) => e.grade.overall)));
      }),
      { numRuns: 200 },
    );
  });
});
