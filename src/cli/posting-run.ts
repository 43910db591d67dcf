import { shippedContent } from "../content-files.js";
import { analyzePosting, type PostingAnalysis } from "../core/posting/analyze.js";
import { PostingError } from "../core/posting/errors.js";
import { practiceFor } from "../core/posting/practice.js";
import { type CliIO, painter } from "./io.js";
import { formatPosting } from "./posting-report.js";
import { InputFileError, isStdin, readTextInput } from "./read-input.js";
import { terminalJson } from "./safe-json.js";

const PASTE_PROMPT = "Paste the job posting, then press Ctrl-D on an empty line.\n";

/** `--json`: exactly these keys, for a script; the reason is for people. */
const asJson = (a: PostingAnalysis) => ({
  level: a.level,
  competencies: a.competencies.map(({ id, weight, evidence }) => ({ id, weight, evidence })),
  methods: a.methods,
  metrics: a.metrics,
});

export async function runPosting(opts: { file: string; json: boolean }, io: CliIO): Promise<number> {
  const content = shippedContent();
  if (isStdin(opts.file) && io.stdin.isTTY) io.stderr.write(PASTE_PROMPT);
  let analysis: PostingAnalysis;
  try {
    analysis = analyzePosting(await readTextInput(opts.file, io.stdin), content);
  } catch (err) {
    if (!(err instanceof InputFileError) && !(err instanceof PostingError)) throw err;
    io.stderr.write(`star-coach posting: ${err.message}\n`);
    return 1;
  }
  if (opts.json) io.stdout.write(`${terminalJson(asJson(analysis), 2)}\n`);
  else
    io.stdout.write(
      formatPosting(
        analysis,
        practiceFor(analysis, content.bank),
        content.bank,
        painter(io.stdout, io.env),
        isStdin(opts.file) ? null : opts.file,
      ),
    );
  return 0;
}
