import { describe, expect, it } from "vitest";
import { formatGrade } from "../../src/cli/grade-report.js";
import { compactFeedback, fullFeedback } from "../../src/cli/terminal/feedback-view.js";
import { deliveryFigures } from "../../src/core/delivery/delivery.js";
import { GradeSchema } from "../../src/core/grading/types.js";
import { LIMITS } from "../../src/discord/limits.js";
import { feedbackEmbed } from "../../src/discord/render/feedback-embed.js";
import { SPOKEN_ANSWER } from "../helpers/audio.js";
import { content, grade } from "../helpers/grade.js";

const plain = (_style: unknown, text: string) => text;
const delivery = deliveryFigures(
  {
    transcript: SPOKEN_ANSWER,
    segments: [
      { start: 0, end: 50, text: "" },
      { start: 53, end: 95, text: "" },
    ],
    durationSec: 95,
  },
  content.lexicon,
);
const typed = grade(SPOKEN_ANSWER);
const voiced = { ...typed, delivery };

describe("a grade's delivery", () => {
  it("is optional in the schema: stored grades without it still parse, and it round-trips", () => {
    expect(GradeSchema.parse(JSON.parse(JSON.stringify(typed))).delivery).toBeUndefined();
    expect(GradeSchema.parse(JSON.parse(JSON.stringify(voiced))).delivery).toEqual(delivery);
  });

  it("shows in the grade report with the real length, and not at all for a typed answer", () => {
    const report = formatGrade(voiced, plain);
    expect(report).toMatch(/^Overall \d\/5 +\(entry level, \d+ words, 1\.6 min spoken\)/);
    expect(report).toContain("\nDelivery\n  - Length 1:35 (95 s): within the 90–150 s target.\n");
    expect(report).toContain("  - 1 pause over 2 s");
    expect(formatGrade(typed, plain)).not.toContain("Delivery");
    expect(formatGrade(typed, plain)).toMatch(/~\d(\.\d)? min spoken/);
  });

  it("shows in the terminal feedback: the figures compactly, the advice in full", () => {
    const view = { grade: voiced, previous: null, paint: plain, width: 100 };
    const compact = compactFeedback(view, 60).join("\n");
    expect(compact).toMatch(
      /Delivery: 1:35 spoken · \d+ words a minute · 4 fillers · 1 hedge · 1 long pause/,
    );
    expect(compactFeedback(view, 8).join("\n")).not.toContain("Delivery");
    const full = fullFeedback(view).join("\n");
    expect(full).toContain('- Fillers: 4 (2.5 a minute): "um" ×1, "like" ×1, "uh" ×1, "basically" ×1.');
    expect(fullFeedback({ ...view, grade: typed }).join("\n")).not.toContain("Delivery");
  });

  it("is a Delivery field in the Discord feedback, within the field limit", () => {
    const embed = feedbackEmbed({
      grade: voiced,
      title: "Feedback",
      followUp: "What did it cost?",
      previous: null,
    });
    const field = embed.fields?.find((f) => f.name === "Delivery");
    expect(field?.value).toContain("• Length 1:35 (95 s): within the 90–150 s target.");
    expect(field?.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embed.description).toContain("1:35 spoken");
    expect(embed.fields?.at(-1)?.name).toBe("Follow-up");
    const typedEmbed = feedbackEmbed({ grade: typed, title: "Feedback", followUp: null, previous: null });
    expect(typedEmbed.fields?.some((f) => f.name === "Delivery")).toBe(false);
  });
});
