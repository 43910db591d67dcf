import { escapeMarkdown } from "discord.js";
import { CRITERIA, CRITERION_LABELS, type CriterionId } from "../../core/criteria.js";
import type { Grade } from "../../core/grading/types.js";
import type { RoundSummary } from "../../core/group/summary.js";
import type { Question } from "../../core/questions/schema.js";
import type { Rubric } from "../../core/rubric/schema.js";
import { count } from "../../core/text/plural.js";
import type { GroupRound } from "../../store/records.js";
import { type EmbedData, fitEmbed, truncate } from "../limits.js";
import { COLORS, colorFor, quoteUser, scoreBar } from "./text.js";

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The short message in the channel that the round's thread hangs off. */
export function roundAnnouncement(round: GroupRound, competencyName: string | null): string {
  const who =
    round.source === "daily"
      ? "Daily question"
      : round.startedBy
        ? `Group round started by <@${round.startedBy}>`
        : "Group round";
  return `**${who}**${competencyName ? ` · ${competencyName}` : ""} · ${round.level} level · closes <t:${unix(round.closesAt)}:R>. Answer in the thread.`;
}

export function roundQuestionEmbed(round: GroupRound, question: Question, competencyName: string): EmbedData {
  return fitEmbed({
    title: round.source === "daily" ? "Question of the day" : "Group round",
    description: [
      question.text,
      "",
      `Answer with **Answer**: your feedback is private${round.feedback === "public" ? ", and your scores (never your words) are posted here" : ""}. One answer each; a second one replaces the first.`,
      "After answering you can share your answer with the group (masked or as written) for peer review. By default nobody sees it.",
      `Closes <t:${unix(round.closesAt)}:R>; then the summary is posted here.`,
    ].join("\n"),
    color: COLORS.neutral,
    footer: { text: `${competencyName} · ${round.level} level` },
  });
}

/** What the group sees of a participant's grade when group feedback is public: scores and notes, no words. */
export function publicScoresEmbed(
  name: string | null,
  grade: Grade,
  notes: Record<CriterionId, string>,
  replaced: boolean,
): EmbedData {
  return fitEmbed({
    title: `${name ?? "A participant"} ${replaced ? "revised their answer" : "answered"}: ${grade.overall}/5`,
    description: CRITERIA.map(
      (c) => `${scoreBar(grade.criteria[c].score)} **${CRITERION_LABELS[c]}** ${escapeMarkdown(notes[c])}`,
    ).join("\n"),
    color: colorFor(grade.overall),
  });
}

export function reviewEmbed(text: string, masked: boolean): EmbedData {
  return fitEmbed({
    title: "Rate this answer",
    description: [
      quoteUser(text, 3500),
      "",
      masked
        ? "Company names and figures are masked by the author's choice."
        : "Shared as written by its author.",
      "Rate each part on the rubric's anchors below. Ownership is left to the grader.",
    ].join("\n"),
    color: COLORS.neutral,
    footer: { text: "Peer ratings are compared with the grader's in the round summary." },
  });
}

function distribution(d: RoundSummary["distribution"]): string {
  const most = Math.max(1, ...d);
  return [4, 3, 2, 1, 0]
    .map((i) => `${i + 1}/5 ${"█".repeat(Math.round(((d[i] ?? 0) / most) * 10))} ${d[i] ?? 0}`)
    .join("\n");
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The round's summary: counts, the score distribution, what the group missed, the strongest answer, peers. */
export function summaryEmbed(
  round: GroupRound,
  question: Question | null,
  s: RoundSummary,
  rubric: Rubric,
): EmbedData {
  if (s.answered === 0) {
    return fitEmbed({
      title: "Round closed",
      description: "Nobody answered this one. Start another with `/group start`.",
      color: COLORS.neutral,
    });
  }
  const fields = [
    { name: "Overall scores", value: distribution(s.distribution), inline: true },
    {
      name: "Average per part",
      value: s.criteria.map((c) => `${CRITERION_LABELS[c.criterion]}: ${c.average}/4`).join("\n"),
      inline: true,
    },
  ];
  if (s.mostMissed.length > 0) {
    fields.push({
      name: "What the group missed most",
      value: s.mostMissed
        .map((m) => {
          const asks = rubric.criteria.find((c) => c.id === m.criterion)?.asks ?? "";
          return `**${CRITERION_LABELS[m.criterion]}**: weak in ${m.missed} of ${count(s.answered, "answer")}. ${asks}`;
        })
        .join("\n"),
      inline: false,
    });
  }
  if (s.strongest) {
    const st = s.strongest;
    const lines =
      st.name === null
        ? [`${st.overall}/5. Its author did not opt in to being named, so nothing more is shown.`]
        : [
            `**${st.name}**, ${st.overall}/5.`,
            ...st.evidence.map((e) => `${CRITERION_LABELS[e.criterion]}: ${quoteUser(e.quote, 200)}`),
            ...(st.evidence.length === 0
              ? st.notes.map((n) => `${CRITERION_LABELS[n.criterion]}: ${truncate(n.note, 200)}`)
              : []),
          ];
    fields.push({ name: "Strongest answer", value: lines.join("\n"), inline: false });
  }
  fields.push({
    name: "Peer review against the grader",
    value: s.peer
      ? [
          `${s.peer.ratings} ratings from ${s.peer.raters} reviewer${s.peer.raters === 1 ? "" : "s"} on ${s.peer.pairs} answer parts.`,
          `Within one point of the grader: ${pct(s.peer.withinOne)}; exact: ${pct(s.peer.exact)}.`,
          s.peer.meanDifference === 0
            ? "On average peers and the grader agreed."
            : `On average peers scored ${Math.abs(s.peer.meanDifference)} ${s.peer.meanDifference > 0 ? "higher" : "lower"} than the grader.`,
        ].join("\n")
      : "No peer ratings this round.",
    inline: false,
  });
  return fitEmbed({
    title: "Round summary",
    description: `${s.answered} answered${s.average === null ? "" : `, average ${s.average}/5`}.${question ? `\n${quoteUser(question.text, 300)}` : ""}${round.closedBy ? "\nClosed early." : ""}`,
    color: colorFor(s.average === null ? null : Math.round(s.average)),
    fields,
  });
}
