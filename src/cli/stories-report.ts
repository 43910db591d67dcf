import type { QuestionBank } from "../core/questions/bank.js";
import type { StoryCoverage } from "../core/stories/coverage.js";
import { listAnd } from "../core/stories/list.js";
import type { StoryFit } from "../core/stories/match.js";
import { count } from "../core/text/plural.js";
import type { StoryRecord } from "../store/records.js";
import { formatGrade } from "./grade-report.js";
import type { Paint } from "./io.js";
import { safeText } from "./terminal/sanitize.js";
import { displayWidth, wrapLine, wrapText } from "./terminal/wrap.js";

/** The columns a list shows of an id: any start of an id that names one story finds it. */
export const SHORT_ID = 8;

/** User text on one line, with nothing a terminal would act on. */
export const oneLine = (t: string): string => safeText(t).replace(/\s+/g, " ").trim();

/** Markdown italics (`*title*`, in the core's advice) as plain text. */
const plain = (t: string): string => oneLine(t.replace(/\*/g, ""));

/** Text cut to `width` columns, with "…" when cut. */
function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/** "Quality and Six Sigma" as "quality and Six Sigma", inside a sentence. */
const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));

/** Lines wrapped to the terminal: prose, bullets hung under their text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is matched
const SGR = /\x1b\[[0-9;]*m/g;
/** A grade's criterion line ("Result         ●●●○ 3/4  note"): its note wraps under itself. */
const CRITERION_LINE = /^\S[^●○]* [●○]{4} [0-4]\/4 {2}/;

/** Lines wrapped to the terminal: bullets hung under their text, a criterion's note under the note. */
export function wrapped(lines: readonly string[], width: number): string {
  const out = lines
    .join("\n")
    .split("\n")
    .flatMap((line) => {
      const criterion = line.replace(SGR, "").match(CRITERION_LINE);
      return criterion ? wrapLine(line, width, displayWidth(criterion[0])) : wrapText(line, width);
    });
  return `${out.join("\n")}\n`;
}

/** A table row whose last cell wraps under itself. */
function row(cells: readonly string[], widths: readonly number[], width: number): string[] {
  const lead = cells
    .slice(0, -1)
    .map((c, i) => pad(c, widths[i] ?? 0))
    .join("  ");
  const hang = displayWidth(lead) + 2;
  return wrapLine(`${lead}  ${cells.at(-1) ?? ""}`, width, hang);
}

const overallOf = (s: StoryRecord) => `${s.grade.overall}/5`;

/** What `add` and `edit` say after saving: competencies, level, overall and the top tip. */
export function formatSaved(story: StoryRecord, verb: string, paint: Paint, width: number): string {
  const competencies = story.competencies.length > 0 ? story.competencies.join(", ") : "none found yet";
  const lines = [
    `${verb} ${paint("bold", `“${oneLine(story.title)}”`)}: ${overallOf(story)} overall, ${story.level} level.`,
    `Competencies: ${safeText(competencies)}${story.competenciesEdited ? " (as you set them)" : ""}`,
  ];
  const [tip] = story.grade.tips;
  if (tip) lines.push(`Top tip: ${safeText(tip)}`);
  return wrapped(lines, width);
}

/** The bank as a table: short id, title, overall, level and competencies (wrapping last). */
export function formatList(stories: readonly StoryRecord[], paint: Paint, width: number): string {
  if (stories.length === 0)
    return wrapped(
      ["No stories yet. Add one: star-coach stories add --title “Pump line kaizen” story.txt"],
      width,
    );
  const titleWidth = Math.max(12, Math.min(32, width - SHORT_ID - 7 - 9 - 8 - 16));
  const widths = [SHORT_ID, titleWidth, 7, 9];
  const lines = row(["ID", "TITLE", "OVERALL", "LEVEL", "COMPETENCIES"], widths, width).map((l) =>
    paint("bold", l),
  );
  for (const s of stories)
    lines.push(
      ...row(
        [
          s.id.slice(0, SHORT_ID),
          clip(oneLine(s.title), titleWidth),
          overallOf(s),
          s.level,
          safeText(s.competencies.join(", ") || "-"),
        ],
        widths,
        width,
      ),
    );
  lines.push(
    "",
    paint(
      "dim",
      `${count(stories.length, "story", "stories")} (aim for 8–12). star-coach stories show ID shows one.`,
    ),
  );
  return wrapped(lines, width);
}

/** One story: its text, competencies, level and why, and its grade per criterion with tips. */
export function formatStory(
  story: StoryRecord,
  levelReason: string | null,
  paint: Paint,
  width: number,
): string {
  const head = [
    paint("bold", oneLine(story.title)),
    paint("dim", `${story.id} · added ${story.createdAt.slice(0, 10)}`),
    "",
    ...safeText(story.text)
      .split("\n")
      .map((l) => (l.trim() === "" ? "" : `  ${l.trim()}`)),
    "",
    `Competencies: ${safeText(story.competencies.join(", ") || "none found yet")}${story.competenciesEdited ? " (as you set them)" : ""}`,
    // The reason names the level itself ("Mid level: the story's scope is a department…").
    `Level: ${levelReason ? safeText(levelReason) : story.level}`,
    "",
  ];
  return wrapped([...head, formatGrade(story.grade, paint, undefined, { followUp: false }).trimEnd()], width);
}

/** Each competency asked at the level, the stories covering it, gaps, the weakest story and advice. */
export function formatCoverage(
  coverage: StoryCoverage,
  stories: readonly StoryRecord[],
  bank: QuestionBank,
  paint: Paint,
  width: number,
): string {
  const title = (id: string) => oneLine(stories.find((s) => s.id === id)?.title ?? id);
  const name = (id: string) => bank.competency(id)?.name ?? id;
  const nameWidth = Math.min(
    Math.max(...coverage.competencies.map((c) => displayWidth(name(c.id))), 10),
    Math.max(12, width - 30),
  );
  const lines = [paint("bold", `Story coverage at ${coverage.level} level`), ""];
  for (const c of coverage.competencies) {
    const mark = c.covered ? paint("green", "✓  ") : paint("yellow", "gap");
    const cells = [clip(name(c.id), nameWidth), mark, c.stories.map(title).join("; ") || "-"];
    lines.push(...row(cells, [nameWidth, 3], width));
  }
  lines.push("");
  lines.push(
    coverage.gaps.length > 0
      ? `Gaps: no story yet for ${listAnd(
          coverage.gaps.map((g) => lowerFirst(name(g))),
          "or",
        )}.`
      : "Gaps: none; every competency asked at this level has a story.",
  );
  if (coverage.weakest) {
    const weakest = stories.find((s) => s.id === coverage.weakest);
    if (weakest) lines.push(`Weakest story: ${oneLine(weakest.title)} (${overallOf(weakest)}).`);
  }
  // The gaps are said above, by name: the advice's own "No story for …" would say them twice.
  const advice = coverage.advice.filter((a) => !a.startsWith("No story for"));
  if (advice.length > 0) lines.push("", paint("bold", "Advice"), ...advice.map((a) => `- ${plain(a)}`));
  return wrapped(lines, width);
}

/** The stories ranked for a question, best first, each with why. */
export function formatMatch(
  question: string,
  fits: readonly StoryFit[],
  paint: Paint,
  width: number,
): string {
  const lines = [paint("dim", `Q: ${oneLine(question)}`), ""];
  if (fits.length === 0) lines.push("No stories yet. Add one: star-coach stories add --title T FILE");
  fits.forEach((f, i) => {
    lines.push(
      `${i + 1}. ${paint("bold", oneLine(f.title))}  ${f.score.toFixed(2)}  ${paint("dim", f.id.slice(0, SHORT_ID))}`,
    );
    lines.push(`   ${safeText(f.reason)}`);
  });
  return wrapped(lines, width);
}

/** "What this question needs…" and its lines, or that nothing is missing. */
export function formatGaps(heading: string, gaps: readonly string[], paint: Paint): string[] {
  if (gaps.length === 0) return [`${paint("bold", heading)} nothing; it is all there.`];
  return [paint("bold", heading), ...gaps.map((g) => `- ${safeText(g)}`)];
}
