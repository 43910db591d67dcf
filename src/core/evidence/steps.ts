import type { Token } from "./phrases.js";

/**
 * Past verbs that tell a state or a thought, not a step taken: "I was", "I felt", "I needed to".
 */
const NOT_STEPS = new Set(
  "was were had did felt thought knew became seemed wanted needed hoped liked loved noticed realized realised learned learnt saw heard believed expected".split(
    " ",
  ),
);
/** Words that end a run of steps: what follows belongs to another clause ("a system that tracked…"). */
const CLAUSE_BREAKS = new Set(
  "that which who whom whose because so when while where if but although though since until".split(" "),
);
/** "to" ends the run before a verb ("asked him to use the forms"), not before a noun ("reported it to the supervisor"). */
const DETERMINERS = new Set(
  "the a an my our his her their its all each every this that these those".split(" "),
);
/** Words that join one step to the next: "mapped the flow and then re-slotted". */
const LINKS = new Set(["and", "then", "also", "plus"]);
const ADVERBS = new Set(
  "then also first next finally personally immediately quickly eventually initially later soon jointly together both all myself ourselves".split(
    " ",
  ),
);
/** "was able to <verb>" at `j`: the index of <verb>, or -1. */
function ableTo(tokens: readonly Token[], j: number): number {
  const w = (k: number) => tokens[k]?.word;
  return w(j) === "was" && w(j + 1) === "able" && w(j + 2) === "to" ? j + 3 : -1;
}
const between = (w: string) => ADVERBS.has(w) || (w.length > 4 && w.endsWith("ly"));

/**
 * How many steps a sentence tells in a run from its subject: "I mapped the workflow, wrote tiered
 * playbooks, set SLAs and trained the team" is four; "I prioritized requests in a manner that maintained
 * confidentiality and increased communication" is one (the rest is a relative clause). Resume-style
 * fragments ("Mapped the pick path, re-slotted 40 SKUs") start a run without a subject.
 */
export function countSteps(tokens: readonly Token[], text: string, isPast: (w: string) => boolean): number {
  const step = (w: string) => isPast(w) && !NOT_STEPS.has(w);
  let steps = 0;
  let run = false;
  for (let i = 0; i < tokens.length; i++) {
    const w = (tokens[i] as Token).word;
    if (i === 0 && step(w)) {
      steps++;
      run = true;
      continue;
    }
    if (w === "i" || w === "we") {
      run = false;
      let j = i + 1;
      while (j < tokens.length && j <= i + 3 && between((tokens[j] as Token).word)) j++;
      const verb = tokens[j];
      // "I was able to trace the fault": a step told with its effort.
      const effort = ableTo(tokens, j);
      if (verb && step(verb.word)) {
        steps++;
        run = true;
        i = j;
      } else if (effort > 0) {
        steps++;
        i = effort;
      }
      continue;
    }
    if (CLAUSE_BREAKS.has(w) || (w === "to" && !DETERMINERS.has(tokens[i + 1]?.word ?? ""))) {
      run = false;
      continue;
    }
    if (!run || !step(w)) continue;
    const prev = tokens[i - 1] as Token;
    const joined = LINKS.has(prev.word) || /[,;]/.test(text.slice(prev.end, (tokens[i] as Token).start));
    if (joined) steps++;
  }
  return steps;
}

/**
 * Where the sentence's first step told in the past ends ("I planned" in "I planned how many I would
 * need"), or Infinity: a "would" after it is the past's future, not a plan.
 */
export function firstStepEnd(tokens: readonly Token[], isPast: (w: string) => boolean): number {
  for (let i = 0; i < tokens.length; i++) {
    if ((tokens[i] as Token).word !== "i") continue;
    let j = i + 1;
    while (j < tokens.length && j <= i + 3 && between((tokens[j] as Token).word)) j++;
    const verb = tokens[j];
    if (verb && isPast(verb.word) && !NOT_STEPS.has(verb.word)) return verb.end;
  }
  return Number.POSITIVE_INFINITY;
}
