import { escapeMarkdown } from "discord.js";
import type { InterviewState } from "../../core/interview/types.js";
import type { PostingAnalysis } from "../../core/posting/analyze.js";
import type { QuestionBank } from "../../core/questions/bank.js";
import { type EmbedData, fitEmbed } from "../limits.js";
import { COLORS } from "./text.js";

/** Competencies named above the first question; each question says its own reason. */
const SHOWN = 3;

/** What an interview for a job posting is built on: the posting's level and what it asks most. */
export function postingEmbed(
  posting: Pick<PostingAnalysis, "level" | "levelReason">,
  state: InterviewState,
  bank: Pick<QuestionBank, "competency">,
): EmbedData {
  const level = state.config.level;
  const chosen = level === posting.level ? "" : ` You are practising at **${level}** level, as you chose.`;
  const names = (state.config.posting?.competencies ?? [])
    .slice(0, SHOWN)
    .map((id) => bank.competency(id)?.name ?? id);
  const lines = [
    `Level: **${posting.level}**. ${escapeMarkdown(posting.levelReason)}${chosen}`,
    ...(names.length > 0 ? [`It asks most for: ${names.join("; ")}.`] : []),
    "The posting itself is not kept: only what it asks for.",
  ];
  return fitEmbed({
    title: "Interview for a job posting",
    description: lines.join("\n"),
    color: COLORS.neutral,
  });
}
