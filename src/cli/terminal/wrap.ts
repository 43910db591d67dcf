/**
 * Word wrapping for a terminal of a given width. Lines may carry our own colour codes (SGR), which take
 * no room; CJK and emoji take two columns. A word is never broken unless it is wider than a whole line.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is matched
const SGR = /\x1b\[[0-9;]*m/g;
/** Splits a text into colour codes and what lies between them. */
const SGR_TOKEN = new RegExp(`(${SGR.source})`);

/** Columns a character takes: two for wide East Asian characters and emoji, none for combining marks. */
function charWidth(code: number): number {
  if ((code >= 0x300 && code <= 0x36f) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** The columns a string takes on screen. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(SGR, "")) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Splits a word wider than `width` into pieces that fit (colour codes kept with their characters). */
function splitWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let used = 0;
  for (const token of word.split(SGR_TOKEN)) {
    if (token.startsWith("\x1b[")) {
      piece += token;
      continue;
    }
    for (const ch of token) {
      const w = charWidth(ch.codePointAt(0) ?? 0);
      if (used + w > width && used > 0) {
        pieces.push(piece);
        piece = "";
        used = 0;
      }
      piece += ch;
      used += w;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Wraps one line (no `\n`) to `width`, continuing on lines indented by `hang` spaces; spacing inside a line is kept. */
export function wrapLine(line: string, width: number, hang = 0): string[] {
  if (displayWidth(line) <= width) return [line.trimEnd()];
  const lead = line.match(/^ */)?.[0] ?? "";
  // Words with the spaces before each: alignment inside a line survives where it is not wrapped.
  const words = [...line.slice(lead.length).matchAll(/( *)([^ ]+)/g)].map((m) => ({
    gap: m[1] ?? "",
    word: m[2] ?? "",
  }));
  const pad = " ".repeat(Math.min(hang, Math.max(0, width - 10)));
  const room = width - Math.max(displayWidth(lead), pad.length);
  const lines: string[] = [];
  let current = lead;
  let used = displayWidth(lead);
  let fresh = true;
  const push = () => {
    lines.push(current);
    current = pad;
    used = pad.length;
    fresh = true;
  };
  for (const { gap, word } of words) {
    const w = displayWidth(word);
    if (!fresh && used + gap.length + w > width) push();
    const space = fresh ? "" : gap;
    if (used + space.length + w > width) {
      // Wider than a whole line: the one case where a word is cut.
      const pieces = splitWord(word, Math.max(1, room));
      pieces.forEach((piece, i) => {
        current += piece;
        used += displayWidth(piece);
        fresh = false;
        if (i < pieces.length - 1) push();
      });
      continue;
    }
    current += space + word;
    used += space.length + w;
    fresh = false;
  }
  if (!fresh) lines.push(current);
  return lines;
}

/**
 * Wraps text to `width`: each line on its own, a line's continuations indented as it is, and a bullet's
 * ("- ", "1. ") under its text.
 */
export function wrapText(text: string, width: number): string[] {
  return text.split("\n").flatMap((line) => {
    const plain = line.replace(SGR, "");
    const hang = plain.match(/^ *(?:[-•*] |\d+\. |! )?/)?.[0].length ?? 0;
    return wrapLine(line, width, hang);
  });
}
