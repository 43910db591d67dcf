// The `star-coach` program from the TypeScript sources, through tsx: what the process-spawning tests run
// when dist/ is not a build of the current sources (see run-cli.ts). `npm run dev` does the same.
import { register } from "tsx/esm/api";

register();
await import("../../src/cli/bin.ts");
