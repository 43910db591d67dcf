import { describe, expect, it } from "vitest";
import { extractEvidence } from "../../src/core/evidence/extract.js";
import { tokenize } from "../../src/core/evidence/phrases.js";
import { segment } from "../../src/core/evidence/sentences.js";
import { countSteps } from "../../src/core/evidence/steps.js";
import { content, grade } from "../helpers/grade.js";

const QUESTION = "Tell me about a time you solved a problem at work.";
const read = (answer: string) => extractEvidence({ answer, question: QUESTION }, content.lexicon);
const steps = (text: string) => {
  const s = read(text).sentences[0];
  if (!s) throw new Error("no sentence");
  return s.steps;
};

describe("steps told in a run", () => {
  it("counts each step of a list told from one subject", () => {
    expect(
      steps("I mapped the intake flow, wrote three checklists, set a 4-hour target and trained the clerks."),
    ).toBe(4);
    expect(steps("We re-slotted the fast movers and then retrained both shifts.")).toBe(2);
    expect(steps("Re-slotted 40 SKUs, moved the pack bench and added a second scanner.")).toBe(3);
  });

  it("does not count verbs of a relative or infinitive clause as steps", () => {
    expect(steps("I ordered the requests in a way that protected privacy and improved contact.")).toBe(1);
    expect(steps("I asked the driver to use the new gate and to call ahead.")).toBe(1);
  });

  it("counts no step for states and thoughts", () => {
    expect(steps("I was worried and I felt the plan needed more time.")).toBe(0);
  });

  it("reads a step told with its effort", () => {
    expect(steps("After two days I was able to trace the fault to a tripped breaker.")).toBe(1);
  });

  it("takes any tokens without throwing and never counts more steps than words", () => {
    for (const text of ["", ",,,", "i i i", "I, and, then", "and and and mapped"]) {
      const n = countSteps(tokenize(text.toLowerCase()), text.toLowerCase(), (w) => w.endsWith("ed"));
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(tokenize(text).length);
    }
  });
});

describe("a 'would' inside a clause about the past is not a plan", () => {
  const hypothetical = (text: string) => read(text).sentences[0]?.hypothetical;

  it("reads the past's future after a step told in the past", () => {
    expect(hypothetical("I worked out how many trucks I would need for each day of the peak.")).toBe(false);
    expect(hypothetical("I split the orders into waves so that I would see the late ones first.")).toBe(
      false,
    );
  });

  it("still reads a plan as a plan", () => {
    expect(hypothetical("I would first quarantine the batch and call the supplier.")).toBe(true);
    expect(hypothetical("If that happened again, I would hold a meeting with both leads.")).toBe(true);
  });

  it("does not call a story hypothetical for one reported 'would'", () => {
    const ev = read(
      "Last March our dock was short of drivers. I planned each day of the month and how many loads I would need. By the end of March we had shipped every order on time.",
    );
    expect(ev.hypothetical).toBe(false);
  });
});

describe("STAR labels written after their text", () => {
  it("gives the text before a trailing (Situation)/(Action)/(Result) that part, and drops the tag", () => {
    const parts = segment(
      "Deliveries were late every week. (Situation)\nI called the carrier and moved the pickup to 4 pm. (Action)\nDeliveries were on time after that. (Result)",
    ).map((s) => [s.heading, s.text]);
    expect(parts).toEqual([
      ["situation", "Deliveries were late every week."],
      ["action", "I called the carrier and moved the pickup to 4 pm."],
      ["result", "Deliveries were on time after that."],
    ]);
  });

  it("keeps a leading heading and ignores a parenthesis that is not a tag", () => {
    const parts = segment("Result: fewer late trucks (about half). (Result)").map((s) => s.heading);
    expect(parts).toEqual(["result"]);
  });
});

it("credits a task given under its own heading in the middle of a line", () => {
  const answer =
    "Situation: our DC carried 1,800 SKUs with rule-of-thumb reorder points and a 91% fill rate. Task: as inventory manager I had to lift fill rate to 97% without adding stock.\nAction: I pulled a year of demand from the ERP, segmented SKUs and set safety stock from variability and lead time. Result: fill rate went from 91% to 97.5% and stock fell from $4.2M to $3.6M.";
  const g = grade(answer, "Tell me about a time you reset safety stock using data.");
  expect(g.criteria.task.score).toBeGreaterThanOrEqual(3);
  expect(g.criteria.task.evidence.join(" ")).toContain("lift fill rate to 97%");
});

it("counts what the Task heading says had to be done as the task, not as steps", () => {
  const answer = [
    "Situation: two customers at our returns counter got into a shouting match over one refund and the queue backed up.",
    "Task: I needed to find a way to separate them and keep the counter open for the other twenty people waiting.",
    "Action: I asked a colleague to take the queue, walked one customer to the service desk and processed his refund there.",
    "Result: the counter kept moving and neither customer complained to the store manager.",
  ].join("\n");
  const ev = read(answer);
  const taskSentence = ev.sentences.find((s) => s.sentence.heading === "task");
  expect(taskSentence?.concreteAction).toBe(false);
  expect(ev.sentences.find((s) => s.sentence.heading === "action")?.concreteAction).toBe(true);
  const g = grade(answer, QUESTION);
  expect(g.criteria.action.evidence.join(" ")).not.toContain("I needed to find a way");
});

describe("how a past story opens and ends", () => {
  it("counts an unmeasured ending as a thin result, never as a clear one", () => {
    const g = grade(
      "Our returns desk kept refunding damaged goods without checks. I noticed a pattern in the returned items and called security before refunding. Ultimately, we decided to require a manager's check on every damaged return.",
      QUESTION,
    );
    expect(g.criteria.result.score).toBeGreaterThanOrEqual(1);
    expect(g.criteria.result.score).toBeLessThanOrEqual(2);
  });

  it("gives no result to a story that stops at its last step", () => {
    const g = grade(
      "At our site the weekly schedule kept slipping. My job was to stabilise it. I re-sequenced the orders by changeover family and I froze the schedule 48 hours out with the planners.",
      QUESTION,
    );
    expect(g.criteria.result.score).toBe(0);
  });

  it("gives no result or situation to a plan", () => {
    const g = grade(
      "I would first talk to both people separately. Then I would bring them together and agree on a way forward. I would follow up a week later.",
      QUESTION,
    );
    expect(g.criteria.result.score).toBe(0);
    expect(g.criteria.situation.score).toBe(0);
  });

  it("credits the opening of a past story as its situation, however thin", () => {
    const g = grade(
      "One of the clerks I supervised kept skipping the request form. I asked him privately to use it and explained why the audit needed it. From then on he used the form every time.",
      QUESTION,
    );
    expect(g.criteria.situation.score).toBeGreaterThanOrEqual(1);
  });
});

describe("words that are not methods", () => {
  it("does not read the verb 'excel' as the spreadsheet", () => {
    const verb = read("I gave the new starters the tools they needed to excel in the role.");
    expect(verb.methods.map((m) => m.id)).not.toContain("analysis_tools");
    const tool = read("I pulled six weeks of scan data into Excel and built a pivot of late orders.");
    expect(tool.methods.map((m) => m.id)).toContain("analysis_tools");
  });
});

describe("a result told in the present", () => {
  it("reads 'now takes', 'is now' and 'these days' at the end of a story as its result", () => {
    for (const ending of [
      "Refunds now take a week.",
      "The backlog is now under a day.",
      "These days the night shift finishes on time.",
    ]) {
      const ev = read(
        `Refunds took two weeks at our returns desk. I sorted the returns by customer type and trained two clerks on the new flow. ${ending}`,
      );
      const last = ev.sentences.at(-1);
      expect(
        last?.roles.some((r) => r.role === "result"),
        ending,
      ).toBe(true);
    }
  });
});

describe("a goal with its figure and deadline", () => {
  it("is the task, not a result", () => {
    for (const answer of [
      "Our extrusion lines stopped too often. My goal was to cut unplanned downtime by a quarter within six months. I set up a weekly review of every stop with maintenance. Downtime fell from 9% to 6%.",
      "Packaging cost per order was rising. I was asked to cut it by 10% within two quarters. I renegotiated the carton contract and right-sized the boxes. Cost per order fell by 12%.",
    ]) {
      const [, goal, , last] = read(answer).sentences;
      expect(goal?.roles[0]?.role, answer).toBe("task");
      expect(last?.roles[0]?.role, answer).toBe("result");
    }
  });
});

describe("action verbs told as verbs", () => {
  const verbs = (text: string) => read(text).sentences[0]?.actionVerbs;
  it("counts a stem of the lexicon only in a verb's form or after a subject", () => {
    expect(verbs("The escalations to the coordinator were automatic.")).toBe(0);
    expect(verbs("I escalated the order, automated the report and coordinated the carriers.")).toBe(3);
    expect(verbs("Every week we coordinate the schedule with the planners.")).toBeGreaterThanOrEqual(1);
  });
});
