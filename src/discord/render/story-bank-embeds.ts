import type { QuestionBank } from "../../core/questions/bank.js";
import { competencyWords, STORY_BANK_SIZE, type StoryCoverage } from "../../core/stories/coverage.js";
import { listAnd } from "../../core/stories/list.js";
import { count } from "../../core/text/plural.js";
import type { StoryRecord } from "../../store/records.js";
import { type EmbedData, fitEmbed, LIMITS } from "../limits.js";
import { plain, shortId } from "./story-embed.js";
import { COLORS } from "./text.js";

/** Lines joined up to `max` characters; what does not fit is counted in a last line. */
export function linesWithin(lines: readonly string[], max: number, more: (n: number) => string): string {
  const kept: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? more(rest).length + 1 : 0;
    if (size + line.length + 1 + tail > max) {
      kept.push(more(lines.length - i));
      return kept.join("\n");
    }
    kept.push(line);
    size += line.length + 1;
  }
  return kept.join("\n");
}

const names = (ids: readonly string[], bank: Pick<QuestionBank, "competency">) =>
  ids.map((id) => bank.competency(id)?.name ?? id).join(", ") || "no competency";

/** `/story list`: one line a story, numbered, with its id's first characters to tell them apart. */
export function storyListEmbed(
  stories: readonly StoryRecord[],
  bank: Pick<QuestionBank, "competency">,
): EmbedData {
  if (stories.length === 0)
    return fitEmbed({
      title: "Your story bank",
      description:
        "No stories yet. Add one with `/story add`: a situation from work, what you did, and what changed, in numbers.",
      color: COLORS.neutral,
    });
  const lines = stories.map(
    (s, i) =>
      `${i + 1}. **${plain(s.title, 100)}** \`${shortId(s.id)}\` · ${s.grade.overall}/5 · ${s.level} · ${plain(names(s.competencies, bank), 200)}`,
  );
  return fitEmbed({
    title: `Your story bank: ${count(stories.length, "story", "stories")}`,
    description: linesWithin(
      lines,
      LIMITS.embedDescription,
      (n) => `…and ${count(n, "more story", "more stories")}.`,
    ),
    color: COLORS.neutral,
    footer: { text: "Open one with /story show; see what it covers with /story coverage." },
  });
}

/** `/story coverage`: a line per competency asked at the level, the gaps, the weakest story, advice. */
export function coverageEmbed(
  coverage: StoryCoverage,
  stories: readonly StoryRecord[],
  bank: Pick<QuestionBank, "competency">,
): EmbedData {
  const titleOf = new Map(stories.map((s) => [s.id, s.title]));
  const lines = coverage.competencies.map((c) => {
    const name = bank.competency(c.id)?.name ?? c.id;
    if (!c.covered) return `— **${name}**`;
    const titles = c.stories.map((id) => plain(titleOf.get(id) ?? shortId(id), 60));
    return `✓ **${name}**: ${titles.join(", ")}`;
  });
  const weakest = coverage.weakest ? stories.find((s) => s.id === coverage.weakest) : undefined;
  // The gaps have their own field: the core's advice line naming them would say it twice.
  const advice = coverage.advice.filter((a) => !(coverage.gaps.length > 0 && a.startsWith("No story for ")));
  const { min, max, warnAbove } = STORY_BANK_SIZE;
  const fields = [
    {
      name: "Gaps",
      value:
        coverage.gaps.length === 0
          ? "None: every competency asked at this level has a story."
          : `No story yet for ${listAnd(coverage.gaps.map(competencyWords))}.`,
    },
    ...(weakest
      ? [{ name: "Weakest story", value: `${plain(weakest.title, 100)}: ${weakest.grade.overall}/5` }]
      : []),
    ...(advice.length > 0 ? [{ name: "Advice", value: advice.map((a) => `• ${a}`).join("\n") }] : []),
  ];
  return fitEmbed({
    title: `Story coverage at ${coverage.level} level`,
    description: linesWithin(
      lines,
      3_000,
      (n) => `…and ${count(n, "more competency", "more competencies")}.`,
    ),
    color: coverage.gaps.length === 0 ? COLORS.high : COLORS.mid,
    fields,
    footer: {
      text: `${count(stories.length, "story", "stories")} · aim for ${min}–${max}; more than ${warnAbove} is more than you can rehearse`,
    },
  });
}
