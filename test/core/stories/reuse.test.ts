import { describe, expect, it } from "vitest";
import { matchAnswerToStories, reuseWarnings } from "../../../src/core/stories/reuse.js";
import { LOCKOUT, OVERTIME, PICK_PATH, PUMP_KAIZEN, SUPPLIER_FIRE, story } from "./stories.js";

const STORIES = [
  story("pump", "Pump line kaizen", PUMP_KAIZEN, ["process-improvement"], 4),
  story("pick", "Columbus pick path", PICK_PATH, ["inventory", "process-improvement"], 3),
  story("loto", "Press jam lockout", LOCKOUT, ["safety"], 5),
  story("ot", "Friday overtime", OVERTIME, ["cost"], 3),
  story("fire", "Supplier fire", SUPPLIER_FIRE, ["supply-chain"], 4),
];

/** One mock interview: three answers bend the pump-line kaizen to three questions. */
const SESSION = [
  // "Tell me about a process you improved."
  `I ran a kaizen week on our pump assembly line with the operators. Lead time was 14 days because parts waited between machining and assembly. We mapped the value stream, cut batches from 200 to 50 and added a kanban loop. Lead time went to 6 days and WIP fell 60%.`,
  // "Tell me about a time you led a team through a change."
  `The operators on the pump line were sceptical when I proposed a kaizen week, so I ran it with them rather than for them. Together we mapped the value stream and saw parts waiting 80% of the time. They chose the new batch size of 50 instead of 200 and designed the kanban loop themselves. Lead time dropped from 14 days to 6.`,
  // "Tell me about a safety problem you fixed."
  `A technician reached into a press to clear a jam without isolating it; only the light curtain stopped an injury. I found lockout was skipped on jams because it took 12 minutes, added a local isolation point with maintenance and rewrote our LOTO steps. Compliance went from 70% to 100%.`,
  // "Tell me about a time you reduced inventory."
  `Work in process on the pump line was huge: batches of 200 sat between machining and assembly. In a kaizen with the operators I cut the batch to 50 and put a kanban loop between the cells, balanced to takt. WIP fell by 60% and lead time from 14 to 6 days.`,
  // "Tell me about a conflict with a colleague."
  `A planner and I disagreed about who owned the weekly forecast review, so I asked our manager to set the rule and we wrote it down together.`,
];

describe("matchAnswerToStories", () => {
  it("finds the story each answer retells, and none for an answer that retells no story", () => {
    expect(SESSION.map((a) => matchAnswerToStories(a, STORIES)?.id ?? null)).toEqual([
      "pump",
      "pump",
      "loto",
      "pump",
      null,
    ]);
  });

  it("gives the score of the match", () => {
    const m = matchAnswerToStories(PUMP_KAIZEN, STORIES);
    expect(m).toEqual({ id: "pump", score: 1 });
  });
});

describe("reuseWarnings", () => {
  it("warns when one story answers 3 of a session's 5 answers", () => {
    const used = SESSION.map((a) => matchAnswerToStories(a, STORIES)?.id ?? null);
    expect(reuseWarnings(used, STORIES)).toMatchInlineSnapshot(`
      [
        "You used *Pump line kaizen* for 3 of 5 answers; interviewers notice.",
      ]
    `);
  });

  it("lets a story answer half a session or fewer, and one answer of one", () => {
    expect(reuseWarnings(["pump", "pump", "loto", "ot"], STORIES)).toEqual([]);
    expect(reuseWarnings(["pump", "loto", null, "pump", "fire"], STORIES)).toEqual([]);
    expect(reuseWarnings(["pump"], STORIES)).toEqual([]);
    expect(reuseWarnings([], STORIES)).toEqual([]);
  });

  it("warns at two of three, and names a story it does not know by its id", () => {
    expect(reuseWarnings(["gone", "gone", "pump"], STORIES)).toEqual([
      "You used *gone* for 2 of 3 answers; interviewers notice.",
    ]);
  });
});
