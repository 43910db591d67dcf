import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { LevelSchema } from "../../core/levels.js";

/** The level and focus someone chose last, offered as the defaults next time. */
export const PracticeDefaultsSchema = z.object({
  level: LevelSchema.optional(),
  /** A competency id, or "mix". */
  focus: z.string().max(100).optional(),
});
export type PracticeDefaults = z.infer<typeof PracticeDefaultsSchema>;

const FileSchema = z.object({ users: z.record(z.string(), PracticeDefaultsSchema.catch({})) });

/** A small file beside the database: the choices are a convenience, not data worth a migration. */
export const DEFAULTS_FILE = "practice-defaults.json";

async function readAll(dataDir: string): Promise<Record<string, PracticeDefaults>> {
  try {
    const parsed = FileSchema.safeParse(JSON.parse(await readFile(join(dataDir, DEFAULTS_FILE), "utf8")));
    return parsed.success ? parsed.data.users : {};
  } catch {
    return {};
  }
}

/** This user's last choices; none when there are none or the file cannot be read. */
export async function loadDefaults(dataDir: string, userId: string): Promise<PracticeDefaults> {
  return (await readAll(dataDir))[userId] ?? {};
}

/** Remembers this user's choices. Returns false when they could not be written (nothing else depends on it). */
export async function saveDefaults(
  dataDir: string,
  userId: string,
  choice: PracticeDefaults,
): Promise<boolean> {
  try {
    const users = { ...(await readAll(dataDir)), [userId]: choice };
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, DEFAULTS_FILE);
    // Written whole, then renamed: a crash never leaves half a file.
    await writeFile(`${file}.tmp`, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    return true;
  } catch {
    return false;
  }
}

/** Forgets this user's choices (`mydata delete`). Returns whether there were any. */
export async function forgetDefaults(dataDir: string, userId: string): Promise<boolean> {
  const users = await readAll(dataDir);
  if (!(userId in users)) return false;
  delete users[userId];
  const file = join(dataDir, DEFAULTS_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return true;
}
