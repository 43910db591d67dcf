import { parentPort, workerData } from "node:worker_threads";
import { shippedContent } from "../content-files.js";
import { loadContent } from "../core/content/load.js";
import { gradeAnswer, gradeWithEvidence } from "../core/grading/grade.js";
import type { GradeJob, GradingWorkerData, WorkerMessage } from "./protocol.js";

/** A grading worker thread (see pool.ts): loads the content once, then grades one job at a time. */
const port = parentPort;
if (!port) throw new Error("the grading worker runs in a worker thread: start it through GradingPool");
const { sources } = workerData as GradingWorkerData;
const content = sources ? loadContent(sources) : shippedContent();

const send = (message: WorkerMessage) => port.postMessage(message);

port.on("message", (job: GradeJob) => {
  try {
    const result = job.evidence ? gradeWithEvidence(job.input, content) : gradeAnswer(job.input, content);
    send({ type: "graded", id: job.id, result });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    send({
      type: "failed",
      id: job.id,
      error: { name: error.name, message: error.message, stack: error.stack },
    });
  }
});
send({ type: "ready" });
