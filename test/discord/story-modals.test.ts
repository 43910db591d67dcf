import { ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import { matchStoriesToQuestion } from "../../src/core/stories/match.js";
import { practiseQuestion } from "../../src/core/stories/practise-question.js";
import { parseCompetencies } from "../../src/discord/commands/story.js";
import { editModal, storyModal } from "../../src/discord/components/story-modals.js";
import { type Action, decodeAction, encodeAction } from "../../src/discord/custom-ids.js";
import { Check } from "../fake-discord/check.js";
import { describeFieldError } from "../fake-discord/errors.js";
import { checkModal } from "../fake-discord/limits-components.js";
import { content } from "../helpers/grade.js";

const STORY_ID = "0d4f6303-9c1e-4b8a-a1de-3f2b6c8e9a10";
const longestQuestionId = content.bank.questions.reduce((a, q) => (q.id.length > a.length ? q.id : a), "");

describe("the story forms", () => {
  const modals = [
    ["add", storyModal("Add a story", { kind: "st-add", structured: false }, false)],
    ["add structured", storyModal("Add a story", { kind: "st-add", structured: true }, true)],
    ["edit", editModal({ id: STORY_ID, title: "T".repeat(100), text: "x".repeat(4000), parts: null })],
    [
      "edit structured",
      editModal({
        id: STORY_ID,
        title: "Aisle",
        text: "",
        parts: { situation: "s".repeat(1450), task: "", action: "a", result: "r" },
      }),
    ],
  ] as const;

  it.each(modals)("%s: Labels within Discord's limits, at most five fields", (_, modal) => {
    const data = modal.toJSON();
    const check = new Check();
    checkModal(check, data, ["data"]);
    expect(check.errors.map(describeFieldError)).toEqual([]);
    expect(data.components.length).toBeLessThanOrEqual(5);
    for (const c of data.components) expect(c.type).toBe(ComponentType.Label);
  });

  it("refuses to prefill a story longer than a form field holds, and says what to do", () => {
    expect(() =>
      editModal({ id: STORY_ID, title: "Long", text: "x".repeat(4001), parts: null }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[UserError: This story has 4,001 characters, more than a Discord form holds (4,000). Edit it in the terminal (\`star-coach stories edit 0d4f6303-9c1e-4b8a-a1de-3f2b6c8e9a10 FILE\`), or shorten it: delete it and add it again under 4,000 characters.]`,
    );
  });
});

describe("story custom ids", () => {
  const actions: Action[] = [
    { kind: "st-add", structured: true },
    { kind: "st-edit", storyId: STORY_ID },
    { kind: "st-edit-submit", storyId: STORY_ID, structured: false },
    { kind: "st-practise", storyId: STORY_ID },
    { kind: "st-answer", storyId: STORY_ID, questionId: longestQuestionId },
    { kind: "st-delete-ask", storyId: STORY_ID },
    { kind: "st-delete", storyId: STORY_ID },
  ];
  it.each(actions)("$kind round-trips within 100 characters", (action) => {
    const id = encodeAction(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeAction(id)).toEqual(action);
  });
});

describe("story helpers", () => {
  it("picks the question at the story's level, on its first competency that has one, that fits it best", () => {
    const story = {
      id: "s1",
      title: "Lockout on the press line",
      text: "A technician reached into a running press to clear a jam. I stopped the line, rewrote the lockout/tagout steps for jam clears and trained every operator; near misses on the line fell from four a month to none.",
      competencies: ["no-such", "safety"],
      overall: 4,
      level: "entry" as const,
    };
    const q = practiseQuestion(story, content);
    expect(q?.competency).toBe("safety");
    expect(q?.levels).toContain("entry");
    // No other safety question at entry level fits the story better.
    const scoreOf = (question: { text: string; competency: string }) =>
      matchStoriesToQuestion(question, [story], content)[0]?.score ?? 0;
    const best = Math.max(...content.bank.filter({ level: "entry", competency: "safety" }).map(scoreOf));
    expect(q && scoreOf(q)).toBe(best);
    expect(practiseQuestion({ ...story, competencies: [], level: "mid" }, content)?.levels).toContain("mid");
  });

  it("reads comma-separated competency ids", () => {
    expect(parseCompetencies(" Quality, ,process-improvement ")).toEqual(["quality", "process-improvement"]);
  });
});
