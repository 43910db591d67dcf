import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayWidth, wrapText } from "../../src/cli/terminal/wrap.js";

const word = fc.stringMatching(/^[A-Za-z0-9'’.,%$()-]{1,14}$/);
const sentence = fc.array(word, { minLength: 1, maxLength: 40 }).map((ws) => ws.join(" "));

describe("wrapText", () => {
  it("never makes a line wider than the width, and never breaks a word that fits", () => {
    fc.assert(
      fc.property(sentence, fc.integer({ min: 20, max: 120 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        // The same words in the same order: nothing cut, nothing lost.
        expect(lines.join(" ").split(/\s+/).filter(Boolean)).toEqual(text.split(" "));
      }),
    );
  });

  it("keeps a line's indent and a bullet's hanging indent on the lines it wraps to", () => {
    const lines = wrapText(`  - ${"word ".repeat(30).trim()}`, 40);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]?.startsWith("  - word")).toBe(true);
    for (const l of lines.slice(1)) expect(l.startsWith("    word")).toBe(true);
  });

  it("breaks only a word longer than the whole width", () => {
    const long = "x".repeat(50);
    const lines = wrapText(`see ${long} here`, 20);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.join("")).toContain("see");
    expect(lines.join("").replace(/\s/g, "")).toBe(`see${long}here`);
  });

  it("counts colour codes as nothing and wide characters as two columns", () => {
    expect(displayWidth("\x1b[1mbold\x1b[22m")).toBe(4);
    expect(displayWidth("中文")).toBe(4);
    expect(displayWidth("●●○○")).toBe(4);
  });

  it("keeps blank lines", () => {
    expect(wrapText("a\n\nb", 80)).toEqual(["a", "", "b"]);
  });
});
