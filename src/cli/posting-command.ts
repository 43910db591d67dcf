import { parseArgs } from "node:util";
import type { Command } from "./command.js";
import { UsageError } from "./io.js";

// Only light modules here: the arguments are checked before the content loads (posting-run.ts).
export const postingCommand: Command = {
  name: "posting",
  summary: "Read a job posting (file or stdin): its level, the competencies it stresses, how to practise",
  usage: `star-coach posting FILE [--json]
  FILE is the posting as text; - reads standard input. --json prints
  {"level", "competencies": [{"id", "weight", "evidence"}], "methods", "metrics"}.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean" } },
    });
    if (positionals.length === 0)
      throw new UsageError("give the posting's FILE, or - to read standard input");
    if (positionals.length > 1) throw new UsageError("give one FILE");
    const { runPosting } = await import("./posting-run.js");
    return runPosting({ file: positionals[0] as string, json: values.json === true }, io);
  },
};
