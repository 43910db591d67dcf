import type { Logger } from "./log.js";

/**
 * What the process does with a promise rejection that nothing handled — never nothing:
 *
 * - the CLI (`star-coach <command>`) writes a clear message to standard error and exits with code 1:
 *   a command is short, and one that lost track of a failure must not report success;
 * - the bot logs it at error level with the error, counts it (the count is in every such line and in
 *   the shutdown line), and keeps running: one lost promise must not disconnect every server.
 */
export type RejectionHandler = (reason: unknown) => void;

let current: RejectionHandler | null = null;
const listener = (reason: unknown) => current?.(reason);

/** Makes `handler` the process's policy (one listener, replaced); the function returned puts back the previous one. */
export function onUnhandledRejection(handler: RejectionHandler): () => void {
  const previous = current;
  if (previous === null) process.on("unhandledRejection", listener);
  current = handler;
  return () => {
    if (current !== handler) return;
    current = previous;
    if (previous === null) process.off("unhandledRejection", listener);
  };
}

/** Takes every policy off (Node's default applies again): for tests that ran the CLI's entry point. */
export function clearUnhandledRejectionPolicy(): void {
  current = null;
  process.off("unhandledRejection", listener);
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  try {
    return typeof reason === "string" ? reason : JSON.stringify(reason);
  } catch {
    return String(reason);
  }
}

/** The CLI's policy: a clear message (the stack only with LOG_LEVEL=debug or trace), then exit code 1. */
export function exitOnUnhandled(
  stderr: NodeJS.WritableStream,
  env: Record<string, string | undefined>,
  exit: (code: number) => void = (code) => process.exit(code),
): RejectionHandler {
  return (reason) => {
    const verbose = env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "trace";
    const detail = verbose && reason instanceof Error && reason.stack ? `\n${reason.stack}` : "";
    stderr.write(
      `star-coach: internal error, stopping (an operation failed and nothing handled it): ${describe(reason)}${detail}\n`,
    );
    exit(1);
  };
}

export interface RejectionCounter {
  handler: RejectionHandler;
  /** How many unhandled rejections so far. */
  count(): number;
}

/** The bot's policy: log at error level with the error and the running count, and go on. */
export function logAndContinue(log: Logger): RejectionCounter {
  let count = 0;
  return {
    handler(reason) {
      count += 1;
      log.error(
        { err: reason, unhandledRejections: count },
        "unhandled promise rejection; the bot keeps running",
      );
    },
    count: () => count,
  };
}

/** Installs the bot's policy, and logs an uncaught exception before Node ends the process. */
export function keepRunningOnUnhandled(log: Logger): RejectionCounter & { uninstall(): void } {
  const counter = logAndContinue(log);
  const restore = onUnhandledRejection(counter.handler);
  const fatal = (err: unknown) => log.fatal({ err }, "uncaught exception; the process stops");
  process.on("uncaughtExceptionMonitor", fatal);
  return {
    ...counter,
    uninstall() {
      restore();
      process.off("uncaughtExceptionMonitor", fatal);
    },
  };
}
