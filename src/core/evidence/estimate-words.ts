// Grammar words, not vocabulary: how English marks an estimate ("about 15", "more than 40", "15 or so").
export const APPROX_WORDS = new Set([
  "about",
  "around",
  "roughly",
  "approximately",
  "approx",
  "nearly",
  "almost",
  "some",
  "circa",
  "ca",
  "like",
  "over",
  "under",
  "below",
  "above",
]);
export const APPROX_PAIRS = new Set([
  "more than",
  "less than",
  "fewer than",
  "close to",
  "upwards of",
  "north of",
  "well over",
  "well under",
  "just over",
  "just under",
]);
/** Skipped between a connective and its number: "to about 15", "from just under 20". */
export const QUALIFIERS = new Set([...APPROX_WORDS, "just", "only", "barely", "roughly", "approximately"]);
export const APPROX_AFTER = /(?:-?ish\b|\+|\s+(?:or so|odd|plus|give or take)\b)/y;
export const APPROX_SIGNS = new Set(["~", "≈", "<", ">", "≤", "≥"]);
/** Second words of the two-word estimates: "more than", "close to", "upwards of", "just over". */
export const PAIR_ENDS = new Set(["than", "to", "of", "over", "under"]);
