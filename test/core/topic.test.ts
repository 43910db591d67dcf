import { describe, expect, it } from "vitest";
import { content, grade } from "../helpers/grade.js";

const SAFETY_QUESTION = content.bank.questions.find((q) => q.competency === "safety");
if (!SAFETY_QUESTION) throw new Error("the bank has no safety question");

/** Strong stories, each clearly about one competency. */
const CHANGEOVER_STORY = `At our bottling plant, changeovers on line 3 averaged 95 minutes and we ran eight a week, so we lost almost two shifts of capacity.
As the production scheduler, my goal was to get changeovers under 45 minutes by the end of the quarter.
I filmed three changeovers with the line lead and split every step into internal and external work using SMED.
I moved label and cap staging outside the stop, built a changeover cart, and resequenced the weekly schedule so similar bottle sizes ran back to back.
After ten weeks the average changeover was 38 minutes, throughput rose by 11%, and schedule attainment went from 82% to 95%.`;

const INVENTORY_STORY = `In my last role at a parts distributor, cycle counts kept showing our record accuracy at 88%, and stockouts on fast movers were hurting fill rate.
I was responsible for inventory control and had to get accuracy above 97% within six months.
I ran an ABC classification on twelve months of usage, moved A items to weekly counts, and traced the biggest variances to receiving putaway errors.
I rewrote the putaway steps with the receiving lead and trained both shifts on them.
Record accuracy reached 98.1% in five months and stockouts fell from 40 a month to 9.`;

const CONFLICT_STORY = `When I was a shift supervisor at a call center, two of my senior agents stopped speaking to each other after a dispute over who handled escalations.
I needed to get them working together before it spread to the rest of the team.
I met each of them one to one, listened to both sides, and then sat them down together to agree on a written rule for routing escalations.
I checked in with both of them every week for a month.
They agreed on the new rule, the complaints between them stopped, and one of them later trained new hires on it with the other.`;

const NAVY_STORY = `On a deployment, the communication circuit our ship used to report incoming contacts went down and nobody on board could find the fault.
I was asked to help the technicians who owned the circuit get into the secure spaces my department controlled.
After two days of failed troubleshooting, I traced the power for the circuit through the load centers using the wiring diagrams and found a breaker that had been mislabelled.
I brought the circuit back online that night, so the ship did not have to return to port and the deployment carried on.`;

describe("relevance by meaning, not by repeated words", () => {
  it("never calls a complete work story off topic for a generic question", () => {
    for (const question of [
      "Tell me about a challenge you solved.",
      "Tell me about a time when you had to deal with a high-pressure situation in your job.",
      "Tell me about a project or accomplishment you're proud of.",
      "Describe a time you went above and beyond.",
      // "meet" is not "meeting": a deadline question asks about no competency in particular.
      "Tell me about a time you had to meet a tight deadline.",
    ]) {
      for (const story of [CHANGEOVER_STORY, INVENTORY_STORY, CONFLICT_STORY, NAVY_STORY]) {
        const g = grade(story, question);
        expect(g.notices.join(" "), question).not.toMatch(/doesn't seem to address/);
        expect(g.notices.join(" "), question).not.toMatch(/but the question asks about/);
        expect(g.overall, question).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("tells a strong story about another competency so, caps it at 3 and asks for the question's point", () => {
    const g = grade(CHANGEOVER_STORY, SAFETY_QUESTION.id);
    expect(g.overall).toBeLessThanOrEqual(3);
    expect(g.notices.join(" ")).toMatch(
      /This story is about production scheduling and capacity, but the question asks about safety and operational risk/,
    );
    expect(g.follow_up).toMatch(/safety and operational risk was the heart of it/);
    expect(g.tips.join(" ")).not.toMatch(/strong answer/);
  });

  it("finds a free-text question's competency from its words", () => {
    const g = grade(
      INVENTORY_STORY,
      "Describe a time you found a safety hazard on the shop floor and what you did about it.",
    );
    expect(g.overall).toBeLessThanOrEqual(3);
    expect(g.notices.join(" ")).toMatch(/the question asks about safety and operational risk/);
    const fits = grade(INVENTORY_STORY, "Tell me about a time you improved inventory record accuracy.");
    expect(fits.notices).toEqual([]);
  });

  it("reads what a story is about from the words of the work, not only the competency's keywords", () => {
    // A 5S story names one process-improvement keyword (5S) and then the work itself: red tags, shadow boards.
    const fiveS = `Our tool crib was a mess and operators lost about 20 minutes a shift looking for fixtures.
I owned the cell's productivity targets.
I ran a 5S event with the six operators, we red-tagged 140 unused items, and I designed shadow boards and set up a weekly audit.
Search time fell from 20 minutes to 3 minutes a shift, worth about 70 labor hours a month.`;
    const g = grade(
      fiveS,
      "Tell me about a time you had a conflict with a coworker and how you resolved it.",
    );
    expect(g.overall).toBeLessThanOrEqual(3);
    expect(g.notices.join(" ")).toMatch(/This story is about process improvement and waste/);
    // "shadow boards" is not the board of directors: the story never touches the question's competency.
    expect(grade(fiveS, "Tell me about a time you cut waste on the shop floor.").notices).toEqual([]);
  });

  it("leaves a story that fits its question alone", () => {
    const lockout = `At our stamping plant, two near misses in one month happened when maintenance worked on presses that operators could restart.
I was responsible for safety on the night shift and had to close the gap before someone was hurt.
I walked every press with the maintenance lead, wrote a lockout/tagout procedure for each one, and audited it weekly.
Near-miss reports on the presses fell from six a quarter to one, and we had no lost-time injuries that year.`;
    const g = grade(lockout, SAFETY_QUESTION.id);
    expect(g.notices).toEqual([]);
  });

  it("takes a story that moves the question's own metric as an answer to it, whatever its competency", () => {
    const g = grade(
      "When I joined the plant as production scheduler, only 70 percent of orders shipped on time. My goal was to get that above 90 percent within two quarters. I moved us from a weekly to a daily schedule, froze the next 48 hours, and met the buyers every morning to confirm material. By the end of the second quarter on-time shipping reached 94 percent.",
      "Tell me about a time you improved on-time delivery.",
    );
    expect(g.notices.join(" ")).not.toMatch(/but the question asks about/);
    expect(g.overall).toBeGreaterThanOrEqual(4);
  });

  it("knows a story from work by what it tells, not by the name of the workplace", () => {
    const g = grade(
      "At our print shop, jobs waited two days for a press. I lined up the jobs by paper type on a whiteboard so the presses changed paper less often. Waiting time fell from two days to one.",
      "Tell me about a time you improved a process.",
    );
    expect(g.notices.join(" ")).not.toMatch(/doesn't seem to address/);
    expect(g.overall).toBeGreaterThanOrEqual(2);
  });

  it("still calls a story from outside work off topic", () => {
    const g = grade(
      "Last spring I trained for my first half marathon. I ran four times a week, slowed my easy runs and added one interval session. I finished in one hour fifty, ten minutes faster than my goal.",
      "Tell me about a time you reduced inventory carrying cost.",
    );
    expect(g.overall).toBe(1);
    expect(g.notices.join(" ")).toMatch(/doesn't seem to address the question/);
  });

  it("calls a plan for work a plan, not off topic, when the question is generic", () => {
    const g = grade(
      "I think we could speed up the picking in our warehouse, maybe like 20 percent more. I would look at the layout first and then I would talk to the pickers about what slows them down.",
      "Tell me about a time you improved a process.",
    );
    expect(g.overall).toBeLessThanOrEqual(2);
    expect(g.flags.hypothetical).toBe(true);
    expect(g.notices.join(" ")).not.toMatch(/doesn't seem to address the question/);
    expect(g.notices.join(" ")).toMatch(/what you would do/);
  });
});
