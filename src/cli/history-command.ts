import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig } from "../config.js";
import { shippedContent } from "../content-files.js";
import { gradeAnswer } from "../core/grading/grade.js";
import { createSessionService } from "../sessions/create.js";
import { openStore } from "../store/open.js";
import type { Command } from "./command.js";
import { painter } from "./io.js";
import { formatProgress } from "./session-report.js";

export const historyCommand: Command = {
  name: "history",
  summary: "Your progress: per-criterion trend, competencies covered, next focus",
  usage: "star-coach history [--user NAME] [--json]",
  async run(args, io) {
    const { values } = parseArgs({ args, options: { user: { type: "string" }, json: { type: "boolean" } } });
    const config = parseConfig(io.env);
    const content = shippedContent();
    const store = await openStore(config);
    try {
      const service = createSessionService(config, store, content, async (input) =>
        gradeAnswer(input, content),
      );
      const progress = await service.progress(values.user ?? `local:${userInfo().username}`);
      if (values.json) io.stdout.write(`${JSON.stringify(progress, null, 2)}\n`);
      else io.stdout.write(formatProgress(progress, content.bank, painter(io.stdout, io.env)));
      return 0;
    } finally {
      await store.close();
    }
  },
};
