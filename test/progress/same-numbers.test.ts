import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { latestAndAverage, progressChartSvg } from "../../src/core/charts/progress-chart.js";
import { CRITERIA, CRITERION_LABELS } from "../../src/core/criteria.js";
import type { SessionReport } from "../../src/core/interview/report.js";
import type { InterviewConfig } from "../../src/core/interview/types.js";
import { SQLITE_FILE } from "../../src/store/open.js";
import { STRONG_ANSWER } from "../helpers/grade.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { harness, tempDataDir } from "../helpers/sessions.js";

const WEAK = "We had late trucks. I called the carrier. It got better.";
const MIDDLING =
  "At our DC cycle counts were off. I moved fast movers to weekly counts. Accuracy went from 91% to 96%.";
const CONFIG: InterviewConfig = {
  level: "entry",
  competencies: ["inventory"],
  questionCount: 2,
  followUps: false,
  answerTimeLimitSec: null,
};
const USER = "numbers";

const round1 = (n: number) => Math.round(n * 10) / 10;
const signed = (n: number) => `${n > 0 ? "+" : ""}${n.toFixed(1)}`;

/**
 * Four days of practice: two single answers, then three interviews in which some answers are revised,
 * better or worse. Returns the last interview's report, as the program showed it when the interview ended.
 */
async function seed(dataDir: string): Promise<SessionReport> {
  const { service, store, clock } = await harness({ path: join(dataDir, SQLITE_FILE) });
  clock.now = new Date(Date.UTC(2026, 1, 2, 9));
  const question = service.questionRef("inv-cycle-count-gap");
  await service.gradeSingle({ userId: USER, question, level: "entry", text: WEAK });
  await service.gradeSingle({ userId: USER, question, level: "entry", text: STRONG_ANSWER });
  const interviews: Array<Array<[string, ...string[]]>> = [
    [[MIDDLING, WEAK], [STRONG_ANSWER]],
    [[WEAK, STRONG_ANSWER], [MIDDLING]],
    [
      [STRONG_ANSWER, WEAK],
      [WEAK, MIDDLING, WEAK],
    ],
  ];
  let report: SessionReport | null = null;
  for (const [day, answers] of interviews.entries()) {
    clock.now = new Date(Date.UTC(2026, 1, 3 + day, 9));
    const { state } = await service.start(USER, CONFIG);
    for (const [answer, ...revisions] of answers) {
      await service.answer(state.id, USER, answer);
      for (const revision of revisions) await service.retry(state.id, USER, revision);
      report = (await service.next(state.id, USER)).report;
    }
  }
  await store.close();
  if (!report) throw new Error("the last interview did not end with a report");
  return report;
}

describe("one source of truth for numbers", () => {
  it("the report, history (text and JSON) and the progress chart show the same averages and changes", async () => {
    const dataDir = tempDataDir();
    const report = await seed(dataDir);
    const env = { DATA_DIR: dataDir };
    const json = await runInProcess(["history", "--user", USER, "--json"], { env });
    const text = await runInProcess(["history", "--user", USER], { env });
    expect([json.code, text.code]).toEqual([0, 0]);
    const progress = JSON.parse(json.stdout);

    // The worse revision of the last interview's first question did not replace its better answer.
    const first = report.questions[0];
    expect(first?.tries.map((t) => t.kind)).toEqual(["answer", "retry"]);
    expect(first?.overall).toBe(Math.max(...(first?.tries.map((t) => t.overall) ?? [])));
    expect(first?.tries[1]?.overall).toBeLessThan(first?.tries[0]?.overall ?? 0);

    // History's latest session is the report's session: the same averages, the same change.
    expect(progress.overallTrend).toHaveLength(4);
    expect(progress.overallTrend.at(-1)).toBe(report.overall);
    expect(progress.overallChange).toBe(report.change?.overall);
    for (const c of CRITERIA) {
      expect(progress.trend[c].at(-1), c).toBe(report.criteria[c]);
      expect(progress.direction[c], c).toBe(report.change?.criteria[c]);
    }
    // The text shows those numbers, and a change that is the difference of the two it compares.
    const rows: Array<[string, number | null, number | null | undefined]> = [
      ["Overall (1-5)", report.overall, report.change?.overall],
      ...CRITERIA.map(
        (c) =>
          [CRITERION_LABELS[c], report.criteria[c], report.change?.criteria[c]] as [
            string,
            number | null,
            number | null | undefined,
          ],
      ),
    ];
    for (const [label, latest, change] of rows) {
      const row = text.stdout.split("\n").find((l) => l.trimStart().startsWith(label)) ?? "";
      const [shownLatest, shownEarlier, shownChange] = row.trim().split(/\s+/).slice(-3);
      expect(Number(shownLatest), label).toBe(latest);
      expect(shownChange, label).toBe(signed(change ?? Number.NaN));
      expect(round1(Number(shownLatest) - Number(shownEarlier)), label).toBe(change);
    }

    // The chart /progress attaches and the one shown at the end of the interview: the same image, whose
    // bars are the report's averages and the earlier sessions' mean, apart by the report's change.
    expect(progressChartSvg(progress)).toBe(progressChartSvg(progress, report.criteria));
    const bars = latestAndAverage(progress.trend);
    for (const c of CRITERIA) {
      expect(bars.latest[c], c).toBe(report.criteria[c]);
      expect(round1((bars.latest[c] ?? 0) - (bars.average[c] ?? 0)), c).toBe(report.change?.criteria[c]);
    }
  });
});
