import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Key, KeyDecoder } from "../../src/cli/terminal/keys.js";

/** Feeds the chunks one by one, as a stream delivers them, and ends the input. */
function decode(chunks: readonly string[], terminal = true): Key[] {
  const d = new KeyDecoder(terminal);
  return [...chunks.flatMap((c) => d.feed(c)), ...d.flush()];
}

/** Cuts a text into chunks at the given places. */
function cutAt(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of at) {
    out.push(text.slice(from, c));
    from = c;
  }
  out.push(text.slice(from));
  return out;
}

const PASTE = "Situation line\r\rTask line\r\rAction \x1b[31m and result, 100% of it";

describe("KeyDecoder", () => {
  it("reads a bracketed paste as one key, however the input is cut into chunks", () => {
    const input = `ab\x1b[200~${PASTE}\x1b[201~\r`;
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        const keys = decode(cutAt(input, cuts));
        const pastes = keys.filter((k) => k.type === "paste");
        expect(pastes).toEqual([{ type: "paste", text: PASTE }]);
        expect(
          keys
            .filter((k) => k.type === "text")
            .map((k) => (k as { text: string }).text)
            .join(""),
        ).toBe("ab");
        expect(keys.at(-1)).toEqual({ type: "enter" });
      }),
    );
  });

  it("reads Ctrl-C, Ctrl-D, Backspace and Enter in a terminal, and drops arrow keys", () => {
    expect(decode(["a\x7fb\x1b[A\x1bOB\r\x04\x03\x15"])).toEqual([
      { type: "text", text: "a" },
      { type: "backspace" },
      { type: "text", text: "b" },
      { type: "enter" },
      { type: "eof" },
      { type: "interrupt" },
      { type: "clear-line" },
    ]);
  });

  it("from a pipe: CRLF is one line end, control bytes are dropped, a paste is still whole", () => {
    expect(decode(["one\r", "\ntwo\x04\x03\n\x1b[200~p\n\nq\x1b[201~"], false)).toEqual([
      { type: "text", text: "one" },
      { type: "enter" },
      { type: "text", text: "two" },
      { type: "enter" },
      { type: "paste", text: "p\n\nq" },
    ]);
  });

  it("keeps a paste that never ended: it is still what was typed", () => {
    expect(decode(["\x1b[200~half a paste"], false)).toEqual([{ type: "paste", text: "half a paste" }]);
  });
});
