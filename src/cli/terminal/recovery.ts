import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const RECOVERY_DIR = "recovered-answers";

/**
 * Writes an answer that could not be stored to a file of its own, readable only by its owner: under
 * DATA_DIR, else the temp directory. Returns the path, or null when neither could be written.
 */
export async function writeRecoveryCopy(
  dataDir: string,
  answer: string,
  about: { question: string; at: Date },
): Promise<string | null> {
  const stamp = about.at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const name = `answer-${stamp}-${randomBytes(3).toString("hex")}.txt`;
  const body = `Question: ${about.question}\nWritten: ${about.at.toISOString()}\n\n${answer}\n`;
  for (const dir of [join(dataDir, RECOVERY_DIR), join(tmpdir(), "star-coach-recovered-answers")]) {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, name);
      await writeFile(path, body, { mode: 0o600, flag: "wx" });
      return path;
    } catch {
      // Try the next place.
    }
  }
  return null;
}

/** Deletes the recovery copies kept under DATA_DIR (`mydata delete`: deleted means deleted). */
export async function deleteRecoveryCopies(dataDir: string): Promise<void> {
  await rm(join(dataDir, RECOVERY_DIR), { recursive: true, force: true });
}
