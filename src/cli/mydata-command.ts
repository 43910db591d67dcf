import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig } from "../config.js";
import { openStore } from "../store/open.js";
import type { Command } from "./command.js";
import { UsageError } from "./io.js";

export const mydataCommand: Command = {
  name: "mydata",
  summary: "Export (JSON) or delete everything stored about you",
  usage: `star-coach mydata export [--user NAME]      prints your users, sessions and answers as JSON
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
    const store = await openStore(parseConfig(io.env));
    try {
      if (action === "export") {
        io.stdout.write(
          `${JSON.stringify(await store.exportUser(userId, new Date().toISOString()), null, 2)}\n`,
        );
      } else {
        const deleted = await store.deleteUser(userId);
        io.stdout.write(
          `Deleted ${deleted.attempts} answers and ${deleted.sessions} sessions of ${userId}.\n`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
