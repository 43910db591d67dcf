import { shippedContent } from "../../src/content-files.js";
import { gradeAnswer } from "../../src/core/grading/grade.js";
import { resolveQuestion } from "../../src/core/grading/resolve.js";
import type { Level } from "../../src/core/levels.js";

export const content = shippedContent();

/** Grades an answer to a bank question (by id) or a free-text question, as the CLI does. */
export function grade(
  answer: string,
  question = "Tell me about a time you improved a process.",
  level?: Level,
) {
  const resolved = resolveQuestion(question, content.bank, level ?? "entry");
  return gradeAnswer({ answer, question: resolved.ref, level: level ?? resolved.level }, content);
}

export const STRONG_ANSWER = `At our Memphis distribution center, next-day orders were missing the 6 pm carrier cutoff: on-time dispatch had fallen to 84% during peak, and our largest retail client was threatening penalties.
As the operations analyst for outbound, my goal was to get on-time dispatch above 97% within eight weeks without adding headcount.
I started by pulling six weeks of WMS scan data into Excel and mapping where each order waited; the data showed that 60% of the delay sat between picking and packing.
I ran a value stream map with the shift leads and found that waves were released in fixed two-hour blocks, so packers sat idle and then got flooded.
I redesigned the wave release to every 30 minutes, re-slotted the 40 fastest SKUs next to the pack stations, and trained both shifts on the new flow.
The night lead was skeptical, so I piloted it on one shift for a week and shared the daily numbers before rolling it out.
As a result, on-time dispatch rose from 84% to 98% within six weeks, overtime fell by 25%, and we avoided about $60,000 a year in penalties.
The change has held for two quarters because I built the wave timing into our standard work and a daily dashboard.`;
