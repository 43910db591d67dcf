import { describe, expect, it } from "vitest";
import { grade } from "../helpers/grade.js";

/**
 * Traps of the kinds testers found, in our own words: each answer is written so that a grader reading
 * only one sentence at a time, or only digits, or only keywords, gets it wrong.
 */
describe("grader traps", () => {
  it("links a baseline told in the situation to the after values in the last sentence", () => {
    const answers = [
      `On the final assembly line at our pump plant we were building 41 units a shift, and we were paying about $9,000 a month in overtime to keep up with orders.
My manager asked me to run a kaizen on the line and get output up without adding people.
I timed every station over three shifts, found that the test bench was the bottleneck, and moved the leak-test fixture set-up off the bench so it ran in parallel.
I rebalanced two tasks from the test station to the station before it and trained both shifts on the new standard work.
Two months later output was 53 units a shift and overtime was down to about $1,500 a month.`,
      `At the returns centre, refunds were taking nine business days to reach customers and complaints about them were our top contact reason.
I owned the returns process and had to bring refunds under a week.
I mapped the refund steps with finance, removed a manual approval for refunds under $200, and set the warehouse scan to trigger the refund automatically.
By the end of the quarter refunds took three business days, and refund complaints had fallen by more than half.`,
    ];
    for (const answer of answers) {
      const g = grade(answer);
      expect(g.criteria.result.score, answer).toBeGreaterThanOrEqual(3);
      expect(g.flags.quantified_result).toBe(true);
      expect(g.flags.baseline_and_after).toBe(true);
      expect(g.overall).toBeGreaterThanOrEqual(3);
      expect(g.missing.join(" ")).not.toMatch(/Result: what changed, in numbers/);
    }
  });

  it("reads numbers written as words, before and after in different sentences", () => {
    const answers = [
      `When I took over the night shift at our parcel hub, we were mis-sorting about fifteen parcels a week to the wrong route.
My task was to stop the mis-sorts before peak season.
I pulled the scan logs, found that most errors came from two look-alike route labels, and I had the labels reprinted in different colours and retrained the sorters.
By peak we were down to two mis-sorts a week.`,
      `Our month-end close used to take three full weeks because every plant sent its inventory counts by email.
I was asked to shorten the close.
I built a shared count template in the ERP, set a cut-off for each plant and reconciled the counts myself on the first day.
The close now takes two weeks, and a dozen manual adjustments a month dropped to one.`,
      // The after value told as a frequency, and a duration told with "a".
      `Our customer desk sent about a dozen escalations a week to the plant manager.
As the coordinator I had to find out why orders shipped late and stop the escalations.
I pulled three months of order history, found that most late orders waited on a manual credit check, and set up an automatic release with finance.
Two months later the desk escalated only once a week, and a credit check now takes an hour instead of two days.`,
    ];
    for (const answer of answers) {
      const g = grade(answer);
      expect(g.flags.quantified_result, answer).toBe(true);
      expect(g.criteria.result.score, answer).toBeGreaterThanOrEqual(3);
      expect(g.tips.join(" ")).not.toMatch(/Finish with the result/);
    }
  });

  it("warns about impossible figures and caps the answer", () => {
    const answers = [
      `At our DC, on-time shipping was poor and errors were high. My goal was to fix both. I re-slotted the fast movers and retrained the pickers on scanning. On-time shipping went from 60% to 160%, errors fell by 250%, and we saved $5M on a $1M budget.`,
      `Our yield on the moulding line was low. I was asked to improve it. I ran a DOE on barrel temperature and changed the purge routine on every changeover. Yield rose from 70% to 140% and scrap fell by 180%.`,
    ];
    for (const answer of answers) {
      const g = grade(answer);
      expect(g.overall, answer).toBeLessThanOrEqual(2);
      expect(g.criteria.result.score, answer).toBeLessThanOrEqual(2);
      expect(g.arithmetic.length, answer).toBeGreaterThan(0);
      expect(g.tips.join(" ")).not.toMatch(/strong answer/);
    }
  });

  it("treats guessed figures and a plan as no evidence", () => {
    const answers = [
      "I think it went up, maybe like 20 percent more. I would probably look at the data again and I would talk to the team about it.",
      "Honestly I'd guess we saved around 10% or so. I would probably set up a dashboard next time and I'd review it weekly.",
    ];
    for (const answer of answers) {
      const g = grade(answer);
      expect(g.flags.hypothetical, answer).toBe(true);
      expect(g.criteria.data_evidence.score, answer).toBeLessThanOrEqual(1);
      expect(g.flags.quantified_result).toBe(false);
      expect(g.overall).toBeLessThanOrEqual(2);
    }
  });

  it("reads advice told as instructions as a plan, and resume bullets as a report", () => {
    const advice = grade(
      "- Speak to each of them on their own first\n- Ask for specific examples so you can separate real problems from venting\n- Consider the issue from both sides and look for common ground\n- Follow up a week later to check it held",
      "Two of your team members are always in conflict. How do you handle it?",
    );
    expect(advice.flags.hypothetical).toBe(true);
    expect(advice.overall).toBeLessThanOrEqual(2);
    const bullets = grade(
      "Situation: pick errors at our DC had risen to 2.1% of lines during peak.\n- Pulled three months of mispick records and ran a Pareto by location\n- Re-slotted the 60 look-alike SKUs the Pareto pointed to\n- Trained both shifts on the new locations\nResult: mispicks fell from 2.1% to 0.6% of lines within six weeks.",
    );
    expect(bullets.flags.hypothetical).toBe(false);
    expect(bullets.criteria.action.score).toBeGreaterThanOrEqual(2);
  });

  it("gives a worked-out plan 2 and a one-line plan 1, never more", () => {
    const plan = grade(
      `In my current role as a warehouse supervisor, the schedule is often disrupted by late inbound trucks.
When that happens, I would first check which outbound orders depend on the late stock.
I would then move the pickers to orders that can still ship, and I would call the carrier to confirm a new arrival time.
I would update the customer service team so they can warn the affected customers.
Afterwards I would review the week's late arrivals with the transport planner to see if the pattern repeats.`,
    );
    expect(plan.flags.hypothetical).toBe(true);
    expect(plan.overall).toBe(2);
    const oneLine = grade(
      "I would talk to the team and make sure everyone knows the plan, then I would fix it.",
    );
    expect(oneLine.flags.hypothetical).toBe(true);
    expect(oneLine.overall).toBe(1);
  });

  it("says 'strong answer' only when nothing is missing", () => {
    const middling = grade(
      "At our plant, changeovers were slow. I was asked to speed them up. I worked with the operators on a new routine. Changeovers got faster and the team was happy.",
    );
    expect(middling.overall).toBeLessThanOrEqual(3);
    expect(middling.tips.join(" ")).not.toMatch(/strong answer/);
  });
});
