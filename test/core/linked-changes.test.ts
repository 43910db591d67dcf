import { describe, expect, it } from "vitest";
import { shippedContent } from "../../src/content-files.js";
import { extractEvidence } from "../../src/core/evidence/extract.js";
import { linkChanges } from "../../src/core/evidence/linked-changes.js";
import { grade } from "../helpers/grade.js";

const { lexicon } = shippedContent();
const QUESTION = "Tell me about a time you improved a process.";
const evidence = (answer: string) => extractEvidence({ answer, question: QUESTION }, lexicon);
/** The linked changes of an answer: [before, after, sentence of the before, sentence of the after]. */
const linked = (answer: string) =>
  evidence(answer)
    .changes.filter((c) => c.linked)
    .map((c) => [c.before, c.after, c.beforeSentence, c.sentence]);

describe("before and after values in different sentences", () => {
  it("links the same metric in the same unit, told twice", () => {
    expect(
      linked(
        "Output on the packing line was 41 units a shift. I rebalanced the line and moved the label printer. By the end of the month, output was 53 units a shift.",
      ),
    ).toEqual([[41, 53, 0, 2]]);
  });

  it("links a share in the situation to a share in the result, but not a share of a target", () => {
    expect(
      linked(
        "Our warehouse was missing the carrier cut-off on about 12% of orders. I split the late wave into two earlier waves. Misses fell to 3% within six weeks.",
      ),
    ).toEqual([[12, 3, 0, 2]]);
    expect(
      linked(
        "Our line was running at 120% of target on day shift. I split the late wave into two earlier waves. Misses fell to 3% within six weeks.",
      ),
    ).toEqual([]);
    expect(
      linked(
        "Nights ran at 115% of capacity. I moved two jobs to days and split the late wave. Misses fell to 3% within six weeks.",
      ),
    ).toEqual([]);
  });

  it("links the same count per the same period with no word of change, and names line 2 no figure", () => {
    const answer =
      "On line 2 in building 4 our packer ran at 30 cases a minute. I worked with shift 3 on the infeed and changed the timing of the pusher in step 5. By week 6 line 2 ran at 38 cases a minute.";
    expect(linked(answer)).toEqual([[30, 38, 0, 2]]);
    const g = grade(answer);
    expect(g.flags.baseline_and_after).toBe(true);
    expect(g.criteria.result.evidence[0]).toMatch(/38 cases a minute/);
    expect(g.tips.join(" ")).not.toMatch(/Finish with the result/);
  });

  it("links counts per period told in words, through the noun they count", () => {
    expect(
      linked(
        "We had about forty late deliveries every week and the retailers charged us penalties. I rebuilt the routes around the stores' receiving windows. By the end of the quarter we were down to five or six late deliveries a week.",
      ),
    ).toEqual([[40, 5.5, 0, 2]]);
  });

  it("links a money figure to a later one of the same metric", () => {
    expect(
      linked(
        "At our plant, overtime cost $9,000 a month. I rebuilt the shift pattern with the supervisors. Three months later overtime was down to about $1,500.",
      ),
    ).toEqual([[9000, 1500, 0, 2]]);
    expect(
      linked(
        "Premium freight was running at $40,000 a quarter when I took over. I set up a weekly review of late orders with the planners. Premium freight dropped to $12,000 a quarter.",
      ),
    ).toEqual([[40000, 12000, 0, 2]]);
  });

  it("links a baseline in the situation to an after value in the result, by unit", () => {
    expect(
      linked(
        "When I joined the DC, we were averaging 72 hours from order receipt to shipment. I mapped the process and removed two approval steps. As a result, we cut it to 24 hours.",
      ),
    ).toEqual([[72, 24, 0, 2]]);
    expect(
      linked(
        "Customer support had no playbooks and a 14-hour first-response time. I wrote tiered playbooks and trained the team. First-response time dropped to 3.2 hours.",
      ),
    ).toEqual([[14, 3.2, 0, 2]]);
  });

  it("links percentages of the same metric", () => {
    expect(
      linked(
        "Our on-time delivery was 82% when I started. I introduced a daily carrier review and fixed the cut-off times. On-time delivery is now 96%.",
      ),
    ).toEqual([[82, 96, 0, 2]]);
    expect(
      linked(
        "Scrap on the topping line was about 4.5%. My goal was to get it under 3%. I set up a control chart and trained the operators. By year-end scrap was 2.8%.",
      ),
    ).toEqual([[4.5, 2.8, 0, 3]]);
  });

  it("links numbers written in words", () => {
    expect(
      linked(
        "Customer complaints were running at about fifteen a week. I traced most of them to damaged cartons and changed the packing spec. Complaints came down to two a week.",
      ),
    ).toEqual([[15, 2, 0, 2]]);
    expect(
      linked(
        "We were getting a dozen stockouts a month on the top SKUs. I reset the reorder points from twelve months of demand data. Stockouts dropped to one a month.",
      ),
    ).toEqual([[12, 1, 0, 2]]);
  });

  it("checks the arithmetic of a linked change", () => {
    const ev = evidence(
      "Overtime cost $10,000 a month. I rebuilt the rota with the team leads. Overtime fell to $6,000 a month, a 70% cut.",
    );
    expect(ev.changes.filter((c) => c.linked)).toMatchObject([
      { before: 10000, after: 6000, claimedPercent: 70 },
    ]);
    expect(ev.arithmetic).toMatchObject([{ kind: "mismatch", claimed: "70%", actual: "40%" }]);
  });

  it("gives the flag for a baseline and an after value told apart", () => {
    const g = grade(
      "At our plant, overtime cost $9,000 a month because the schedule kept slipping. My job was to bring it down without hurting service. I analysed six weeks of shift data and rebuilt the shift pattern with the supervisors. Three months later overtime was down to about $1,500.",
    );
    expect(g.flags.baseline_and_after).toBe(true);
  });
  it("reads a frequency as the after value of a count per the same period", () => {
    const answer =
      "Our helpdesk passed about twenty tickets a week to the plant manager. I sorted the tickets by cause and wrote answers for the top five. As a result, by spring the desk escalated only three a week, and by summer it was down to once a week.";
    // "three a week" is a rate with its number; "once a week" a frequency, read because a count per week came before.
    expect(linked(answer)).toEqual([
      [20, 3, 0, 2],
      [20, 1, 0, 2],
    ]);
    const ev = evidence(answer);
    expect(ev.sentences[2]?.quantities.map((q) => q.text)).toContain("once a week");
    expect(ev.sentences[2]?.changes.some((c) => c.linked)).toBe(true);
  });

  it("reads 'take a week' as a duration that can end a change", () => {
    expect(
      linked(
        "Refunds at our warehouse took about three weeks. I mapped the returns flow and removed two approvals. Refunds now take a week.",
      ),
    ).toEqual([[3, 1, 0, 2]]);
  });

  it("does not link figures of different metrics", () => {
    expect(
      linked(
        "Pick accuracy was 92% when I started. I retrained the pickers on the scanners. On-time delivery rose to 97%.",
      ),
    ).toEqual([]);
  });

  it("does not link a time spent on an action to a result of the same unit", () => {
    expect(
      linked(
        "Orders were shipping late. I spent 3 weeks mapping the process with the leads. Lead time dropped to 2 weeks.",
      ),
    ).toEqual([]);
  });

  it("gives the flag for a before and an after value told in one sentence, in words", () => {
    const g = grade(
      "Our warehouse shipped customers the wrong items. I had to reduce mis-picks. I re-slotted look-alike SKUs apart and added a scan check at pack-out. Mis-picks went from about fifteen a week to two.",
    );
    expect(g.flags.baseline_and_after).toBe(true);
    // A plan is not a story: the same figures told as a hope give no flag.
    const plan = grade(
      "I would re-slot look-alike SKUs apart and I would add a scan check at pack-out. Mis-picks could go from about fifteen a week to two.",
    );
    expect(plan.flags.baseline_and_after).toBe(false);
  });

  it("grades a frequency that ends a change as a measured result", () => {
    const g = grade(
      "At our distribution center about fifteen escalations a week reached the operations manager. As the coordinator I had to find why orders shipped late. I pulled three months of order history and found most late orders waited for a manual credit release. I set an automatic release rule with finance. Within two months the team escalated only twice a week.",
    );
    expect(g.flags.baseline_and_after).toBe(true);
    expect(g.flags.quantified_result).toBe(true);
    expect(g.criteria.result.score).toBeGreaterThanOrEqual(3);
  });
});

describe("what is not linked", () => {
  it("leaves a frequency alone with no count per its period before it, or with no word of a result", () => {
    // A habit: "we met twice a week" has nothing to be the end of.
    expect(linked("I took over the night shift. We met twice a week to review the schedule.")).toEqual([]);
    // A count per month is no before for a frequency per week.
    expect(
      linked(
        "The line stopped eight times a month. I rebuilt the maintenance plan. The line now stops twice a week.",
      ),
    ).toEqual([]);
    // A later step told as a habit is not a result.
    expect(
      linked(
        "We logged nine defects a week on the press. I started a daily check with the operators and I walked the line twice a week.",
      ),
    ).toEqual([]);
  });

  it("does not take a target or a time frame for a before value", () => {
    expect(
      linked(
        "Lead time was a problem for our biggest client. My goal was to get it under 5 days. I re-sequenced the orders. Lead time dropped to 6 days.",
      ),
    ).toEqual([]);
    expect(
      linked(
        "Within 3 months of launch we had problems. I re-sequenced the orders by family. Within 2 months it was fixed.",
      ),
    ).toEqual([]);
  });

  it("does not link guessed figures", () => {
    expect(
      linked(
        "Overtime cost maybe like $9,000 a month. I rebuilt the shift pattern. Overtime was down to about $1,500.",
      ),
    ).toEqual([]);
  });

  it("does not link again a pair already told in one sentence", () => {
    const ev = evidence(
      "At our plant, order lead time was averaging 12 days last year. I mapped the process and removed two approval steps. Lead time went from 12 days to 8.",
    );
    expect(ev.changes.map((c) => [c.before, c.after, c.linked])).toEqual([[12, 8, false]]);
  });

  it("does not link a figure to an equal one", () => {
    expect(
      linked(
        "Output was 41 units a shift. I rebalanced the line. By the end of the month output was still 41 units a shift.",
      ),
    ).toEqual([]);
  });

  it("reads each figure once however long the answer (indexed by metric and unit)", () => {
    /** `n` one-figure sentences, each figure watched: how many times linking reads a figure's fields. */
    const link = (n: number) => {
      let reads = 0;
      const sentences = Array.from({ length: n }, (_, i) => ({
        sentence: { index: i, text: "x", norm: "x", heading: null },
        quantities: [
          new Proxy(
            {
              sentence: i,
              start: 0,
              end: 1,
              text: "x",
              value: i,
              kind: "percent" as const,
              timeFrame: false,
              metrics: ["scrap"],
            },
            {
              get(target, prop, receiver) {
                reads++;
                return Reflect.get(target, prop, receiver);
              },
            },
          ),
        ],
        changes: [],
        roles: [{ role: "result" }],
        hits: { result_verbs: ["fell"], result_cues: [], task_cues: [] },
      }));
      return { out: linkChanges(sentences), reads };
    };
    const small = link(750);
    const { out, reads } = link(3000);
    expect(out).toHaveLength(2999);
    expect(out[4]).toMatchObject({ before: 4, after: 5, beforeSentence: 4, sentence: 5, linked: true });
    // A count, not a time: 4x the figures is 4x the reads when each is compared with a few others, and
    // 16x when each is compared with every earlier one.
    expect(small.reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(5 * small.reads);
  });
});
