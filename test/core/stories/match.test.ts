import { describe, expect, it } from "vitest";
import { matchStoriesToQuestion } from "../../../src/core/stories/match.js";
import { content } from "../../helpers/grade.js";
import { LOCKOUT, OVERTIME, PICK_PATH, PUMP_KAIZEN, SUPPLIER_FIRE, story } from "./stories.js";

const STORIES = [
  story("pump", "Pump line kaizen", PUMP_KAIZEN, ["process-improvement"], 4),
  story("pick", "Columbus pick path", PICK_PATH, ["inventory", "process-improvement"], 3),
  story("loto", "Press jam lockout", LOCKOUT, ["safety"], 5),
  story("ot", "Friday overtime", OVERTIME, ["cost"], 3),
  story("fire", "Supplier fire", SUPPLIER_FIRE, ["supply-chain"], null),
];

const ids = (question: { text: string; competency: string | null }) =>
  matchStoriesToQuestion(question, STORIES, content).map((f) => f.id);

describe("matchStoriesToQuestion", () => {
  it("puts the story of the asked competency first, and says why", () => {
    const fits = matchStoriesToQuestion(
      {
        text: "Tell me about a time you found a hazard and fixed it before someone got hurt.",
        competency: "safety",
      },
      STORIES,
      content,
    );
    expect(fits[0]).toEqual({
      id: "loto",
      title: "Press jam lockout",
      score: expect.any(Number),
      reason: "covers safety; names near miss, injury and investigation; 5/5",
    });
    expect(fits.at(-1)?.reason).toBe("about supply chain, not safety; names inspection; not graded yet");
    expect(fits.map((f) => f.score)).toEqual([...fits.map((f) => f.score)].sort((a, b) => b - a));
  });

  it("reads the competency from a free-text question's words", () => {
    expect(ids({ text: "Tell me about a time you cut overtime or labor cost.", competency: null })[0]).toBe(
      "ot",
    );
    expect(ids({ text: "How did you handle a supplier that could not deliver?", competency: null })[0]).toBe(
      "fire",
    );
  });

  it("lets the question's words choose between two stories of one competency", () => {
    const order = ids({
      text: "Describe a time you reduced travel or waste in a warehouse pick process.",
      competency: null,
    });
    expect(order.slice(0, 2)).toEqual(["pick", "pump"]);
    const kaizen = ids({
      text: "Tell me about a kaizen that cut lead time and WIP.",
      competency: "process-improvement",
    });
    expect(kaizen.slice(0, 2)).toEqual(["pump", "pick"]);
  });

  it("ranks the better-graded story first when fit and words are equal", () => {
    const twins = [
      story("weak", "Weak", PUMP_KAIZEN, ["process-improvement"], 2),
      story("strong", "Strong", PUMP_KAIZEN, ["process-improvement"], 5),
    ];
    const fits = matchStoriesToQuestion(
      { text: "Tell me about a process you improved.", competency: null },
      twins,
      content,
    );
    expect(fits.map((f) => f.id)).toEqual(["strong", "weak"]);
  });

  it("returns an empty list for no stories", () => {
    expect(matchStoriesToQuestion({ text: "Anything?", competency: null }, [], content)).toEqual([]);
  });
});
