#!/usr/bin/env node
// Runs the compiled program in dist/, which `npm ci` builds (the `prepare` script) and `npm run build`
// rebuilds. `npm run dev` runs the TypeScript sources instead.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/bin.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("star-coach: the compiled program (dist/) is missing: run npm run build\n");
  process.exit(1);
}
await import(entry.href);
