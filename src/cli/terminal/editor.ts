import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type EditorResult = { ok: true; text: string } | { ok: false; reason: string };

/** The editor a person chose: VISUAL, then EDITOR (either may carry arguments: `code --wait`). */
export function chosenEditor(env: Record<string, string | undefined>): string | null {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || null;
}

function run(editor: string, file: string, env: Record<string, string | undefined>): Promise<number | null> {
  // As git runs it: through the shell, so "code --wait" and quoted paths work; the file as "$1".
  const child =
    process.platform === "win32"
      ? spawn(`${editor} "${file}"`, { shell: true, stdio: "inherit", env })
      : spawn("/bin/sh", ["-c", `${editor} "$1"`, editor, file], { stdio: "inherit", env });
  return new Promise((resolve) => {
    child.on("error", () => resolve(null));
    child.on("close", (code) => resolve(code));
  });
}

/** Opens `text` in the person's editor (the terminal must be handed over first) and returns what they saved. */
export async function editText(env: Record<string, string | undefined>, text = ""): Promise<EditorResult> {
  const editor = chosenEditor(env);
  if (!editor)
    return { ok: false, reason: "Set EDITOR (for example EDITOR=nano) to write answers in an editor." };
  const dir = await mkdtemp(join(tmpdir(), "star-coach-"));
  const file = join(dir, "answer.txt");
  try {
    await writeFile(file, text, { mode: 0o600 });
    const code = await run(editor, file, env);
    if (code !== 0)
      return {
        ok: false,
        reason: code === null ? `Could not start ${editor}.` : `${editor} exited with status ${code}.`,
      };
    return { ok: true, text: await readFile(file, "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
