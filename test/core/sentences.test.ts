import { describe, expect, it } from "vitest";
import { segment } from "../../src/core/evidence/sentences.js";

const texts = (answer: string) => segment(answer).map((s) => s.text);

describe("segment", () => {
  it("keeps every sentence a verbatim slice of the answer", () => {
    const answer = "  At our DC, picks ran late.  I re-slotted 40 SKUs!\n\nLate picks fell 30%.";
    for (const s of segment(answer)) expect(answer.slice(s.start, s.end)).toBe(s.text);
    expect(texts(answer)).toEqual([
      "At our DC, picks ran late.",
      "I re-slotted 40 SKUs!",
      "Late picks fell 30%.",
    ]);
  });

  it("reads S:/T:/A:/R: and spelled-out headings as the part of what follows", () => {
    const answer =
      "S: Night shift missed the 5 am cutoff.\nTask - my goal was on-time dispatch.\n**Action:** I moved two pickers.\nThen I split the wave.\nResult: dispatch hit 98%.";
    const parts = segment(answer).map((s) => [s.heading, s.text]);
    expect(parts).toEqual([
      ["situation", "Night shift missed the 5 am cutoff."],
      ["task", "my goal was on-time dispatch."],
      ["action", "I moved two pickers."],
      ["action", "Then I split the wave."],
      ["result", "dispatch hit 98%."],
    ]);
  });

  it("reads headings that open a sentence inside a line, as one-line answers write them", () => {
    const answer =
      "Situation: the DC held $4.2M of stock. Task: I had to lift fill rate to 97%. A: I reset safety stock. R: Fill rate hit 97.5%.";
    expect(segment(answer).map((s) => [s.heading, s.text])).toEqual([
      ["situation", "the DC held $4.2M of stock."],
      ["task", "I had to lift fill rate to 97%."],
      ["action", "I reset safety stock."],
      ["result", "Fill rate hit 97.5%."],
    ]);
  });

  it("reads spelled-out headings with a spaced dash inside a line, but never a single letter so", () => {
    const answer =
      "situation - returns sat for days. task - I was asked to clear the backlog. action - I split returns by reason code. result - the backlog was under 100 in three weeks. A - this is prose.";
    expect(segment(answer).map((s) => [s.heading, s.text])).toEqual([
      ["situation", "returns sat for days."],
      ["task", "I was asked to clear the backlog."],
      ["action", "I split returns by reason code."],
      ["result", "the backlog was under 100 in three weeks."],
      ["result", "A - this is prose."],
    ]);
  });

  it("reads Cause/Problem/Challenge–Action–Result/Resolution headings, and drops a summary's label", () => {
    const answer = [
      "- Nugget: I got a late client order out on time by re-sequencing the line.",
      "- Cause: a supplier slipped two weeks on the housings.",
      "- Action: I moved the order ahead of two stock builds.",
      "- Resolution: the order shipped a day early.",
      "Problem - the paint booth kept faulting. Challenge: nobody owned the fix.",
    ].join("\n");
    expect(segment(answer).map((s) => [s.heading, s.text])).toEqual([
      [null, "I got a late client order out on time by re-sequencing the line."],
      ["situation", "a supplier slipped two weeks on the housings."],
      ["action", "I moved the order ahead of two stock builds."],
      ["result", "the order shipped a day early."],
      ["situation", "the paint booth kept faulting."],
      ["situation", "nobody owned the fix."],
    ]);
    // A word that only starts like one is prose: "Because…", "Problems like this…".
    expect(
      segment("Because of the delay we lost a day. Problems like this cost us.").map((s) => s.heading),
    ).toEqual([null, null]);
  });

  it("reads headings told with an article, and drops a label that names two parts at once", () => {
    const withArticles =
      "The Situation: the line was late. The Task: I had to fix it. My Actions: I moved two pickers. The Result: on time.";
    expect(segment(withArticles).map((s) => [s.heading, s.text])).toEqual([
      ["situation", "the line was late."],
      ["task", "I had to fix it."],
      ["action", "I moved two pickers."],
      ["result", "on time."],
    ]);
    const twoInOne =
      "Situation/Task: the line was late and I had to fix it.\nAction and Result: I moved pickers and it worked.";
    expect(segment(twoInOne).map((s) => [s.heading, s.text])).toEqual([
      [null, "the line was late and I had to fix it."],
      [null, "I moved pickers and it worked."],
    ]);
    // In prose, "The result: …" names its part but heads nothing after it.
    const prose = "I was the planner. The problem: our lead times were wrong. I fixed them.";
    expect(segment(prose).map((s) => s.heading)).toEqual([null, null, null]);
  });

  it("keeps prose that only looks like a heading: a lower-case letter, or no colon", () => {
    const answer = "Situation: plan B failed. a: we kept going. Result of that was a 5% gain.";
    expect(segment(answer).map((s) => [s.heading, s.text])).toEqual([
      ["situation", "plan B failed."],
      ["situation", "a: we kept going."],
      ["situation", "Result of that was a 5% gain."],
    ]);
  });

  it("splits bullet lists and marks them as bullets", () => {
    const segments = segment("- cut changeover 45 to 20 min\n\u2022 trained 12 operators\n3) audited weekly");
    expect(segments.map((s) => [s.bullet, s.text])).toEqual([
      [true, "cut changeover 45 to 20 min"],
      [true, "trained 12 operators"],
      [true, "audited weekly"],
    ]);
  });

  it("does not split after abbreviations or inside decimals", () => {
    expect(texts("We compared picking vs. packing, e.g. the 2.5 hr wait. It was 3.2 days.")).toEqual([
      "We compared picking vs. packing, e.g. the 2.5 hr wait.",
      "It was 3.2 days.",
    ]);
  });

  it("reads a clock time inside a sentence, and at its end when a capital follows", () => {
    expect(
      texts("I held every bin made since 4 p.m. and set up full inspection. By 6 a.m. We had sorted it."),
    ).toEqual([
      "I held every bin made since 4 p.m. and set up full inspection.",
      "By 6 a.m.",
      "We had sorted it.",
    ]);
  });

  it("breaks long run-on text without punctuation at clause boundaries", () => {
    const runOn =
      "i started by looking at the data and found that most of the delays came from the packing station because we had only two packers on the night shift and the trucks left late every day and then i moved one picker to packing and then i changed the wave release times so that the trucks were loaded earlier";
    const parts = texts(runOn);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.join(" ").replace(/\s+/g, " ")).toContain("i moved one picker to packing");
  });

  it("returns nothing for empty or punctuation-only input", () => {
    expect(segment("")).toEqual([]);
    expect(segment(" \n\t ... !!! ")).toEqual([]);
  });
});
