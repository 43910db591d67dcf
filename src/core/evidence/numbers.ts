/** A number as written in an answer: "$1.2M", "14", "95%", "3,400", "2.5k". */
export const NUMBER_SOURCE = String.raw`(?:[$€£][ ]?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[ ]?(?:k|m|mm|bn|million|billion|thousand)(?![\p{L}\p{N}]))?(?:[ ]?(?:%|percent(?![\p{L}])|per cent))?`;

export interface ParsedNumber {
  value: number;
  percent: boolean;
  money: boolean;
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};

export function parseNumber(raw: string): ParsedNumber | null {
  const m =
    /^([$€£])?\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(k|m|mm|bn|million|billion|thousand)?\s?(%|percent|per cent)?$/i.exec(
      raw.trim(),
    );
  if (!m?.[2]) return null;
  const base = Number(m[2].replace(/,/g, ""));
  if (!Number.isFinite(base)) return null;
  const scale = m[3] ? (SCALE[m[3].toLowerCase()] ?? 1) : 1;
  return { value: base * scale, percent: Boolean(m[4]), money: Boolean(m[1]) };
}

/** Small number words, for "three days" or "two sites". */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
  half: 0.5,
  dozen: 12,
};
