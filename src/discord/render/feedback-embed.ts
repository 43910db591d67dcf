import { CRITERIA, CRITERION_LABELS } from "../../core/criteria.js";
import { deliveryFeedback } from "../../core/delivery/delivery.js";
import type { Grade } from "../../core/grading/types.js";
import { type EmbedData, type EmbedField, fitEmbed } from "../limits.js";
import { colorFor, quoteUser, scoreBar } from "./text.js";

export interface FeedbackView {
  grade: Grade;
  title: string;
  /** The follow-up the interview asks now (a session), or the grader's probe (a single question). */
  followUp: string | null;
  previous: Grade | null;
}

function changeField(previous: Grade, current: Grade): EmbedField {
  const lines = CRITERIA.map((c) => {
    const before = previous.criteria[c].score;
    const after = current.criteria[c].score;
    const delta = after - before;
    return `${CRITERION_LABELS[c]}: ${before} → ${after}${delta === 0 ? "" : delta > 0 ? ` (+${delta})` : ` (${delta})`}`;
  });
  lines.push(`Overall: ${previous.overall} → ${current.overall}`);
  return { name: "Change against your previous attempt", value: lines.join("\n") };
}

/** 125 seconds as "2:05". */
function spokenClock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The feedback embed: a score bar and the quoted evidence per criterion, what is missing, tips, the probe. */
export function feedbackEmbed(view: FeedbackView): EmbedData {
  const { grade } = view;
  const notices = grade.notices.map((n) => `⚠️ ${n}`);
  const fallback = grade.fallback
    ? [`ℹ️ The LLM grader was unavailable (${grade.fallback}); this is the offline grade.`]
    : [];
  const fields: EmbedField[] = CRITERIA.map((c) => {
    const g = grade.criteria[c];
    const evidence = g.evidence.slice(0, 2).map((e) => quoteUser(e, 220));
    return {
      name: `${CRITERION_LABELS[c]} ${scoreBar(g.score)} ${g.score}/4`,
      value: [g.note, ...evidence].join("\n"),
    };
  });
  if (view.previous) fields.push(changeField(view.previous, grade));
  if (grade.arithmetic.length > 0)
    fields.push({ name: "Numbers check", value: grade.arithmetic.map((a) => a.message).join("\n") });
  if (grade.missing.length > 0)
    fields.push({ name: "Missing", value: grade.missing.map((m) => `• ${m}`).join("\n") });
  if (grade.tips.length > 0) fields.push({ name: "Tips", value: grade.tips.map((t) => `• ${t}`).join("\n") });
  if (grade.delivery)
    fields.push({
      name: "Delivery",
      value: deliveryFeedback(grade.delivery)
        .map((l) => `• ${l}`)
        .join("\n"),
    });
  if (view.followUp) fields.push({ name: "Follow-up", value: view.followUp });
  return fitEmbed({
    title: `${view.title}: ${grade.overall}/5`,
    description: [
      ...notices,
      ...fallback,
      grade.delivery?.duration_s != null
        ? `${grade.stats.words} words, ${spokenClock(grade.delivery.duration_s)} spoken · ${grade.level} level`
        : `${grade.stats.words} words, about ${Math.max(1, Math.round(grade.stats.speaking_seconds / 60))} min spoken · ${grade.level} level`,
    ].join("\n"),
    color: colorFor(grade.overall),
    fields,
    footer: {
      text: `${grade.grader === "llm" ? "LLM grader" : "Offline grader"} · rubric ${grade.rubric.id} v${grade.rubric.version}`,
    },
  });
}
