/** Discord's message limits; every text the bot sends is cut to fit them. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  embedTotal: 6000,
  footer: 2048,
  customId: 100,
  modalTitle: 45,
  textInput: 4000,
  choices: 25,
} as const;

const ELLIPSIS = "…";

/** Cuts text to `max` characters (by code point, never splitting an emoji), ending with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join("")
    .trimEnd()}${ELLIPSIS}`;
}

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface EmbedData {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

const length = (s: string | undefined) => (s ? Array.from(s).length : 0);

/** Makes an embed fit: each text within its limit, at most 25 fields, and 6,000 characters in all. */
export function fitEmbed(embed: EmbedData): EmbedData {
  const out: EmbedData = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { text: truncate(out.footer.text, LIMITS.footer) };
  const fields = (out.fields ?? []).slice(0, LIMITS.fields).map((f) => ({
    ...f,
    name: truncate(f.name || "\u200b", LIMITS.fieldName),
    value: truncate(f.value || "\u200b", LIMITS.fieldValue),
  }));
  let total = length(out.title) + length(out.description) + length(out.footer?.text);
  const kept: EmbedField[] = [];
  for (const f of fields) {
    const size = length(f.name) + length(f.value);
    if (total + size > LIMITS.embedTotal) {
      const room = LIMITS.embedTotal - total - length(f.name);
      if (room > 20) kept.push({ ...f, value: truncate(f.value, room) });
      break;
    }
    total += size;
    kept.push(f);
  }
  if (total > LIMITS.embedTotal && out.description) {
    out.description = truncate(
      out.description,
      Math.max(1, LIMITS.embedDescription - (total - LIMITS.embedTotal)),
    );
  }
  if (embed.fields) out.fields = kept;
  return out;
}

/** Splits long text into messages of at most 2,000 characters, at line breaks where possible. */
export function splitContent(text: string, max: number = LIMITS.content): string[] {
  const parts: string[] = [];
  let rest = text;
  while (Array.from(rest).length > max) {
    const window = Array.from(rest).slice(0, max).join("");
    const cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    const at = cut > max / 2 ? cut : window.length;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
