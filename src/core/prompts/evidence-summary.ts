import type { Evidence } from "../evidence/extract.js";

const MAX_FIGURES = 8;
const MAX_CHANGES = 3;
const MAX_METHODS = 4;

const list = (items: readonly string[], max: number) =>
  items.length === 0 ? "none" : items.slice(0, max).join(", ") + (items.length > max ? ", ..." : "");

/**
 * What the offline reader found, one short line per kind of fact, for the model to check against
 * its own reading. Scores are left out on purpose so the model's judgement stays its own.
 */
export function evidenceSummary(ev: Evidence): string {
  const reads = [
    ev.empty && "empty",
    ev.nonEnglish && "not English",
    ev.salad && "a keyword list",
    !ev.relevance.onTopic && "off topic",
    ev.hypothetical && "hypothetical or habitual",
  ].filter((x): x is string => typeof x === "string");
  const figures = [...new Set(ev.quantities.filter((q) => !q.timeFrame).map((q) => q.text))];
  const lines = [
    `${ev.wordCount} words; reads as ${reads.length > 0 ? reads.join(", ") : "a real example"}`,
    `actions with "I": ${ev.singularActions}, with "we": ${ev.pluralActions}`,
    `figures: ${list(figures, MAX_FIGURES)}`,
    `before/after pairs: ${list(
      ev.changes.map((c) => c.text),
      MAX_CHANGES,
    )}`,
    `methods: ${list(
      ev.methods.map((m) => `${m.name} (${m.shown ? "applied" : "only named"})`),
      MAX_METHODS,
    )}`,
    `scope signals: ${list(ev.scope, MAX_METHODS)}`,
  ];
  return lines.map((l) => `- ${l}`).join("\n");
}
