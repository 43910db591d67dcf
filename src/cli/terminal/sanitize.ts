/**
 * Text from people and from an LLM, made safe for a terminal and for the store. A terminal obeys escape
 * and control sequences wherever they appear: an answer (or a grader's note) carrying `ESC ] 52` writes
 * the clipboard, `ESC [ 2 J` clears the screen, a carriage return or `ESC [ 8 m` hides what follows.
 * Only our own code writes sequences; every outside text goes through here first.
 */

const ESC = 0x1b;
const BEL = 0x07;
/** 8-bit (C1) introducers: CSI, OSC, DCS, SOS, PM, APC, and the string terminator. */
const C1_CSI = 0x9b;
const C1_STRINGS = new Set([0x9d, 0x90, 0x98, 0x9e, 0x9f]);
const C1_ST = 0x9c;
/** After ESC: OSC, DCS, SOS, PM, APC, which run to a terminator. */
const ESC_STRINGS = new Set(["]", "P", "X", "^", "_"]);

/** Where a CSI sequence starting at `i` (just after its introducer) ends: parameters, intermediates, final. */
function skipCsi(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j++;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  if (j < text.length && text.charCodeAt(j) >= 0x40 && text.charCodeAt(j) <= 0x7e) j++;
  return j;
}

/** Where a control string (OSC, DCS…) starting at `i` ends: after BEL, ESC \ or ST, or at the end of the text. */
function skipString(text: string, i: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BEL || c === C1_ST) return j + 1;
    if (c === ESC) return text[j + 1] === "\\" ? j + 2 : j;
  }
  return text.length;
}

/** Where the escape sequence starting at `i` (an ESC or a C1 introducer) ends. */
function skipSequence(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === C1_CSI) return skipCsi(text, i + 1);
  if (C1_STRINGS.has(c)) return skipString(text, i + 1);
  const next = text[i + 1];
  if (next === undefined) return i + 1;
  if (next === "[") return skipCsi(text, i + 2);
  if (ESC_STRINGS.has(next)) return skipString(text, i + 2);
  // nF: intermediates then a final byte (ESC ( B); Fp, Fe, Fs: one byte (ESC 7, ESC c).
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  if (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x7e) j++;
  return j;
}

const isSequenceStart = (c: number) => c === ESC || c === C1_CSI || C1_STRINGS.has(c);

/** Characters that need a decision: controls (C0, DEL, C1) and bidirectional controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const SPECIAL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Removes escape sequences, and hands every other special character to `keep` (which returns what to write). */
function scrub(text: string, keep: (ch: string, code: number) => string): string {
  let out = "";
  let from = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(text); m !== null; m = SPECIAL.exec(text)) {
    const i = m.index;
    if (i < from) continue;
    out += text.slice(from, i);
    const code = text.charCodeAt(i);
    if (isSequenceStart(code)) {
      from = skipSequence(text, i);
      SPECIAL.lastIndex = from;
    } else {
      out += keep(text[i] as string, code);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);
/** Bidirectional overrides and isolates: they reorder what is shown ("Trojan Source"). */
const isBidiControl = (code: number) =>
  (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/** Line breaks as `\n`: CRLF and a lone CR (which would return to the start of the line) both become one. */
const unixLines = (text: string) => text.replace(/\r\n?/g, "\n");

/**
 * Text as it may be printed to a terminal: no escape or control sequence, no control character but the
 * line break (a tab becomes a space), no bidirectional override.
 */
export function safeText(text: string): string {
  return scrub(unixLines(text), (ch, code) => {
    if (ch === "\n") return ch;
    if (ch === "\t") return " ";
    return isControl(code) || isBidiControl(code) ? "" : ch;
  });
}

/**
 * An answer as it is stored: line breaks as `\n`, tabs kept, and every other control byte (NUL, which
 * PostgreSQL refuses, included) and escape sequence removed.
 */
export function storableAnswer(text: string): string {
  return scrub(unixLines(text), (ch, code) => (ch === "\n" || ch === "\t" || !isControl(code) ? ch : ""));
}
