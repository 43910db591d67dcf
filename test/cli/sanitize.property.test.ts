import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeText, storableAnswer } from "../../src/cli/terminal/sanitize.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** Escape and control sequences a hostile text can carry: CSI, OSC (clipboard, title), DCS, APC, C1. */
const sequence = fc.oneof(
  fc
    .tuple(fc.stringMatching(/^[0-9;?]{0,12}$/), fc.constantFrom("m", "J", "K", "H", "A", "h", "l", "~"))
    .map(([p, f]) => `\x1b[${p}${f}`),
  fc.stringMatching(/^[ -~]{0,30}$/).map((s) => `\x1b]52;c;${s}\x07`),
  fc.stringMatching(/^[ -~]{0,30}$/).map((s) => `\x1b]0;${s}\x1b\\`),
  fc.stringMatching(/^[ -~]{0,30}$/).map((s) => `\x1bP${s}\x1b\\`),
  fc.stringMatching(/^[ -~]{0,30}$/).map((s) => `\x1b_${s}\x1b\\`),
  fc.stringMatching(/^[0-9;]{0,8}$/).map((p) => `\x9b${p}m`),
  fc.stringMatching(/^[ -~]{0,30}$/).map((s) => `\x9d${s}\x07`),
  fc.constantFrom("\x07", "\x00", "\x08", "\x0c", "\x7f", "\x1bc", "\x1b7", "\x1b(B", "\u202e"),
);

/** Text with no control characters at all: what people write. */
const plain = fc
  .string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.constantFrom("é", "—", "’", "中", "😀"),
    ),
  })
  .map((s) => s.replace(new RegExp(CONTROL.source, "g"), ""));

describe("safeText", () => {
  it("leaves no control character but the line break, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(safeText(s)).not.toMatch(CONTROL);
      }),
    );
  });

  it("removes an escape sequence exactly, keeping the text around it", () => {
    fc.assert(
      fc.property(plain, sequence, plain, (a, seq, b) => {
        expect(safeText(`${a}${seq}${b}`)).toBe(`${a}${b}`);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps plain text as it is, and is idempotent", () => {
    fc.assert(
      fc.property(plain, fc.string({ unit: "binary" }), (p, s) => {
        expect(safeText(p)).toBe(p);
        expect(safeText(safeText(s))).toBe(safeText(s));
      }),
    );
  });

  it("drops OSC 52 (clipboard) and screen clears, keeps line breaks", () => {
    expect(safeText("a\x1b]52;c;SGVsbG8=\x07b\x1b[2J\nc\r\nd\te")).toBe("ab\nc\nd e");
    expect(safeText("unterminated \x1b]52;c;SGVsbG8=")).toBe("unterminated ");
  });
});

describe("storableAnswer", () => {
  it("keeps line breaks and tabs, normalises CRLF, drops NUL, escapes and other control bytes", () => {
    expect(storableAnswer("a\u0000b\r\nc\rd\te\x1b[31mf\x07")).toBe("ab\nc\nd\tef");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const out = storableAnswer(s);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
        expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
        expect(storableAnswer(out)).toBe(out);
      }),
    );
  });
});
