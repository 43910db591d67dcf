/**
 * One shard of `star-coach shards`: the normal bot (`star-coach start`), forked by the ShardingManager,
 * which sets SHARDS and SHARD_COUNT for discord.js. Compiled (dist/discord/shard-entry.js) it runs with
 * plain node; from the sources, with `--import tsx` (see shards.ts).
 */
import { runCli } from "../cli/main.js";
import { log } from "../log.js";

// A manager that is gone (killed, crashed) cannot stop or replace this shard: stop, as on SIGTERM.
// discord.js still reports the disconnect to it on the way down; with no manager that is not an error.
const orphaned = () => {
  log().warn("the shard manager is gone; stopping");
  process.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ERR_IPC_CHANNEL_CLOSED") throw err;
  });
  process.kill(process.pid, "SIGTERM");
};
process.once("disconnect", orphaned);
process.exitCode = await runCli(["start"]);
// The IPC channel to the manager would keep the process alive after the bot has stopped.
process.off("disconnect", orphaned);
if (process.connected) process.disconnect();
