/**
 * Turns what arrives on standard input into keys. In a terminal (raw mode) Enter is a carriage return and
 * Ctrl-C, Ctrl-D, Backspace arrive as bytes; from a pipe or a file a line ends with `\n` and the input
 * ends with the stream. In both, a bracketed paste (`ESC [200~` … `ESC [201~`) is one key holding the
 * whole pasted text, line breaks included, however long: it never goes through a line buffer.
 */

export type Key =
  /** Printable text typed (or piped) on the current line. */
  | { type: "text"; text: string }
  | { type: "enter" }
  /** A bracketed paste, its line breaks as `\n`; control characters are still in it. */
  | { type: "paste"; text: string }
  | { type: "backspace" }
  /** Ctrl-D in a terminal. */
  | { type: "eof" }
  /** Ctrl-C in a terminal. */
  | { type: "interrupt" }
  /** Ctrl-U in a terminal: clear what was typed on the line. */
  | { type: "clear-line" };

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

/** A prefix of a sequence that is not complete yet (the rest may be in the next chunk). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is matched
const PARTIAL_SEQUENCE = /^\x1b(?:\[[0-?]*[ -/]*|O|[ -/]*)?$/;
/** A complete escape sequence at the start of the text: CSI, SS3, or ESC and one character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is matched
const SEQUENCE = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|[ -/]*[0-~])/;

export class KeyDecoder {
  /** Bytes held back: an escape sequence split across chunks. */
  private held = "";
  /** The paste being read, or null outside one. */
  private paste: string | null = null;
  /** The last chunk ended in CR: a LF starting the next one belongs to the same line end. */
  private afterCr = false;

  constructor(private readonly terminal: boolean) {}

  /** The keys in this chunk (and any held back from earlier ones). */
  feed(chunk: string): Key[] {
    const keys: Key[] = [];
    let text = this.held + chunk;
    this.held = "";
    while (text.length > 0) {
      if (this.paste !== null) {
        const end = text.indexOf(PASTE_END);
        if (end < 0) {
          // Keep back what could be the start of the end marker.
          const keep = partialSuffix(text, PASTE_END);
          this.paste += text.slice(0, text.length - keep);
          this.held = text.slice(text.length - keep);
          return keys;
        }
        keys.push({ type: "paste", text: this.paste + text.slice(0, end) });
        this.paste = null;
        text = text.slice(end + PASTE_END.length);
        continue;
      }
      const esc = text.indexOf("\x1b");
      const plain = esc < 0 ? text : text.slice(0, esc);
      this.plainKeys(plain, keys);
      if (esc < 0) break;
      text = text.slice(esc);
      if (text.startsWith(PASTE_START)) {
        this.paste = "";
        this.afterCr = false;
        text = text.slice(PASTE_START.length);
        continue;
      }
      if (PASTE_START.startsWith(text) || PARTIAL_SEQUENCE.test(text)) {
        this.held = text;
        break;
      }
      // Any other sequence (arrows, function keys, Alt-x) is dropped.
      const m = text.match(SEQUENCE);
      text = text.slice(m ? m[0].length : 1);
    }
    return keys;
  }

  /** At the end of input: a paste that never ended is still the user's text. */
  flush(): Key[] {
    const keys: Key[] = [];
    if (this.paste !== null) keys.push({ type: "paste", text: this.paste + this.held });
    this.paste = null;
    this.held = "";
    return keys;
  }

  private plainKeys(text: string, keys: Key[]): void {
    let run = "";
    const flushRun = () => {
      if (run) keys.push({ type: "text", text: run });
      run = "";
    };
    for (const ch of text) {
      const wasCr = this.afterCr;
      this.afterCr = ch === "\r";
      if (ch === "\r" || ch === "\n") {
        if (ch === "\n" && wasCr) continue;
        flushRun();
        keys.push({ type: "enter" });
        continue;
      }
      const code = ch.charCodeAt(0);
      if (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f)) {
        run += ch;
        continue;
      }
      if (ch === "\t") {
        run += ch;
        continue;
      }
      if (!this.terminal) continue;
      const key = controlKey(code);
      if (key) {
        flushRun();
        keys.push(key);
      }
    }
    flushRun();
  }
}

function controlKey(code: number): Key | null {
  switch (code) {
    case 0x03:
      return { type: "interrupt" };
    case 0x04:
      return { type: "eof" };
    case 0x08:
    case 0x7f:
      return { type: "backspace" };
    case 0x15:
      return { type: "clear-line" };
    default:
      return null;
  }
}

/** How many characters at the end of `text` are the start of `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) {
    if (marker.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}
