import type { AnalyzedSentence } from "./extract.js";

/**
 * A sentence that sets the scene before the story's first step, with no step of the candidate's in it:
 * a tool named there ("orders were created in our ERP") is part of the setting, not a method used.
 */
export function settingSentences(sentences: readonly AnalyzedSentence[]): Set<number> {
  const out = new Set<number>();
  for (const s of sentences) {
    if (s.roles.some((r) => r.role === "action") || s.sentence.heading === "action") break;
    const scene =
      s.roles[0]?.role === "situation" || s.roles[0]?.role === "task" || s.sentence.heading === "situation";
    if (scene && !s.actingSubjects.includes("singular")) out.add(s.sentence.index);
  }
  return out;
}
