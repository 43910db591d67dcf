// JSON.stringify escapes C0 controls but leaves DEL, the C1 controls (8-bit CSI, OSC…), the line and
// paragraph separators and the bidirectional overrides as they are.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `JSON.stringify` for a terminal: the same JSON value (every string decodes to what it was, so answers
 * and evidence quotes stay verbatim), with every character a terminal could act on written as `\uXXXX`.
 */
export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
