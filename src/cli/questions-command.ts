import { parseArgs } from "node:util";
import { shippedContent } from "../content-files.js";
import { LEVELS, LevelSchema } from "../core/levels.js";
import type { Command } from "./command.js";
import { painter, UsageError } from "./io.js";

export const questionsCommand: Command = {
  name: "questions",
  summary: "List questions from the bank, by level and competency",
  usage: `star-coach questions [--level ${LEVELS.join("|")}] [--competency ID] [--json]
  --competency takes an id (inventory) or the start of one (supply); with no filter, lists the competencies.`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { level: { type: "string" }, competency: { type: "string" }, json: { type: "boolean" } },
      strict: true,
    });
    const level = values.level === undefined ? undefined : LevelSchema.safeParse(values.level);
    if (level && !level.success) throw new UsageError(`--level must be one of ${LEVELS.join(", ")}`);
    const { bank } = shippedContent();
    const paint = painter(io.stdout, io.env);
    let competency: string | undefined;
    if (values.competency !== undefined) {
      const wanted = values.competency.toLowerCase();
      const match = bank.competencies.filter((c) => c.id === wanted || c.id.startsWith(wanted));
      if (match.length !== 1) {
        const known = bank.competencies.map((c) => c.id).join(", ");
        throw new UsageError(
          match.length === 0
            ? `no competency matches "${values.competency}"; known: ${known}`
            : `"${values.competency}" matches ${match.map((c) => c.id).join(", ")}; be more specific`,
        );
      }
      competency = match[0]?.id;
    }
    const questions = bank.filter({ level: level?.data, competency });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(questions, null, 2)}\n`);
      return 0;
    }
    if (!level && !competency) {
      io.stdout.write(`${paint("bold", "Competencies")} (${bank.questions.length} questions)\n`);
      for (const c of bank.competencies) {
        const count = bank.filter({ competency: c.id }).length;
        io.stdout.write(`  ${paint("cyan", c.id.padEnd(22))} ${String(count).padStart(3)}  ${c.name}\n`);
      }
      io.stdout.write(`\nstar-coach questions --competency ID [--level LEVEL] lists the questions.\n`);
      return 0;
    }
    if (questions.length === 0) {
      io.stdout.write("No questions match.\n");
      return 0;
    }
    for (const q of questions) {
      io.stdout.write(
        `${paint("cyan", q.id)}  ${paint("dim", `[${q.competency}; ${q.levels.join(", ")}]`)}\n  ${q.text}\n\n`,
      );
    }
    io.stdout.write(`${questions.length} question${questions.length === 1 ? "" : "s"}\n`);
    return 0;
  },
};
