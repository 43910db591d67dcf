import { writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig } from "../config.js";
import { shippedContent } from "../content-files.js";
import { deliveryTrendLines } from "../core/delivery/trend.js";
import { gradeAnswer } from "../core/grading/grade.js";
import { createSessionService } from "../sessions/create.js";
import { openStore } from "../store/open.js";
import type { Command } from "./command.js";
import { formatProgress } from "./history-report.js";
import { painter } from "./io.js";
import { terminalJson } from "./safe-json.js";
import { safeText } from "./terminal/sanitize.js";

export const historyCommand: Command = {
  name: "history",
  summary: "Your progress: per-criterion trend, competencies covered, next focus",
  usage: "star-coach history [--user NAME] [--json] [--png FILE]",
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { user: { type: "string" }, json: { type: "boolean" }, png: { type: "string" } },
    });
    const config = parseConfig(io.env);
    const content = shippedContent();
    const store = await openStore(config);
    try {
      const service = createSessionService(config, store, content, async (input) =>
        gradeAnswer(input, content),
      );
      const userId = values.user ?? `local:${userInfo().username}`;
      const [progress, delivery] = await Promise.all([
        service.progress(userId),
        service.deliveryTrend(userId),
      ]);
      if (values.json) io.stdout.write(`${terminalJson({ ...progress, delivery }, 2)}\n`);
      else {
        const paint = painter(io.stdout, io.env);
        io.stdout.write(formatProgress(progress, content.bank, paint));
        if (delivery)
          io.stdout.write(
            `\n${paint("bold", "Speaking")}\n${deliveryTrendLines(delivery)
              .map((l) => `  ${l}`)
              .join("\n")}\n`,
          );
      }
      if (values.png) {
        // Loaded only when asked for: the native renderer stays out of every other command's start-up.
        const { progressChartPng } = await import("../charts/png.js");
        try {
          await writeFile(values.png, progressChartPng(progress));
        } catch (err) {
          io.stderr.write(
            safeText(`Could not write the chart to ${values.png}: ${(err as Error).message}\n`),
          );
          return 1;
        }
        // Beside JSON, the path goes to stderr so stdout stays one JSON document.
        (values.json ? io.stderr : io.stdout).write(`Chart written to ${safeText(values.png)}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
