import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig } from "../config.js";
import { count } from "../core/text/plural.js";
import { openStore } from "../store/open.js";
import type { Command } from "./command.js";
import { UsageError } from "./io.js";
import { terminalJson } from "./safe-json.js";
import { forgetDefaults, loadDefaults } from "./terminal/defaults.js";
import { deleteRecoveryCopies, RECOVERY_DIR } from "./terminal/recovery.js";
import { safeText } from "./terminal/sanitize.js";

export const mydataCommand: Command = {
  name: "mydata",
  summary: "Export (JSON) or delete everything stored about you",
  usage: `star-coach mydata export [--user NAME]      prints your user, sessions, answers and stories as JSON
       star-coach mydata delete --yes [--user NAME] deletes them all`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: "string" }, yes: { type: "boolean" } },
    });
    const action = positionals[0];
    if (action !== "export" && action !== "delete") throw new UsageError("say export or delete");
    if (action === "delete" && !values.yes)
      throw new UsageError("deleting cannot be undone: add --yes to confirm");
    const userId = values.user ?? `local:${userInfo().username}`;
    const config = parseConfig(io.env);
    const store = await openStore(config);
    try {
      if (action === "export") {
        const data = await store.exportUser(userId, new Date().toISOString());
        const practiceDefaults = await loadDefaults(config.DATA_DIR, userId);
        io.stdout.write(`${terminalJson({ ...data, practiceDefaults }, 2)}\n`);
      } else {
        const deleted = await store.deleteUser(userId);
        // The terminal's own files: the last level and focus, and copies of answers that could not be saved.
        await forgetDefaults(config.DATA_DIR, userId);
        await deleteRecoveryCopies(config.DATA_DIR);
        const stories = deleted.stories > 0 ? `${count(deleted.stories, "story", "stories")}, ` : "";
        io.stdout.write(
          `Deleted ${count(deleted.attempts, "answer")} and ${count(deleted.sessions, "session")} of ${safeText(userId)}, with ${stories}your practice defaults and any answers kept in ${RECOVERY_DIR}/.\n`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
