import { StarCoachError } from "../core/errors.js";
/**
 * Why the store could not be opened at start, in one line that says what to do: an unwritable or bad
 * DATA_DIR, a damaged SQLite file, PostgreSQL down or refusing the login, a DATABASE_URL that does not
 * parse. The CLI prints the message and exits 1 (cli/main.ts); `cause` keeps the original error for
 * LOG_LEVEL=debug. Its own module, with no driver imported, so the CLI can recognise it cheaply.
 */
export class StoreOpenError extends StarCoachError {
  override readonly name = "StoreOpenError";
}

/** The code a driver or the file system put on an error: `EACCES`, `SQLITE_NOTADB`, `28P01`… */
function codeOf(err: unknown): string | undefined {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The data folder could not be created or the SQLite file opened or read. */
export function sqliteOpenError(dataDir: string, file: string, err: unknown): StoreOpenError {
  const code = codeOf(err) ?? "";
  const dir = JSON.stringify(dataDir);
  const db = JSON.stringify(file);
  const say = (message: string) => new StoreOpenError(message, { cause: err });
  if (code === "EACCES" || code === "EPERM" || code === "EROFS")
    return say(
      `cannot write the data folder DATA_DIR=${dir} (${code === "EROFS" ? "read-only file system" : "permission denied"}): set DATA_DIR to a folder you can write, or fix its permissions`,
    );
  if (code === "ENOTDIR" || code === "EEXIST")
    return say(`DATA_DIR=${dir} is not a folder (a file is in the way): set DATA_DIR to a folder`);
  if (code === "ENOSPC" || code === "SQLITE_FULL" || code === "EFBIG")
    return say(`the disk holding DATA_DIR=${dir} is full: free some space, or set DATA_DIR to another disk`);
  // SQLite reports a write that failed for lack of room at open as an I/O error (e.g. growing its WAL index).
  if (code === "SQLITE_IOERR" || code.startsWith("SQLITE_IOERR_"))
    return say(
      `the database ${db} could not be written (${code}): the disk holding DATA_DIR=${dir} may be full or failing; free some space, or set DATA_DIR to another disk`,
    );
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT" || code.startsWith("SQLITE_CORRUPT_"))
    return say(
      `the database ${db} is damaged or is not a STAR Coach database (${messageOf(err)}): restore it from a backup, or move it aside to start with an empty one`,
    );
  if (code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY_"))
    return say(`the database ${db} is read-only: make it and DATA_DIR=${dir} writable`);
  if (code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_CANTOPEN_"))
    return say(
      `cannot open the database ${db}: check that DATA_DIR=${dir} is a folder you can write and that the file is not a folder`,
    );
  return say(
    `cannot open the database ${db} (${code || messageOf(err)}): check DATA_DIR=${dir}, or set LOG_LEVEL=debug for details`,
  );
}

/** Where DATABASE_URL points, without its password: `host:port/database`. */
function target(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || new URLSearchParams(u.search).get("host") || "localhost";
    return `${host}:${u.port || "5432"}${u.pathname && u.pathname !== "/" ? u.pathname : ""}`;
  } catch {
    return "DATABASE_URL";
  }
}

function userOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || "(none given)";
  } catch {
    return "(unreadable)";
  }
}

/** PostgreSQL could not be reached, refused the login, or the migrations could not run. */
export function postgresOpenError(url: string, err: unknown): StoreOpenError {
  const code = codeOf(err) ?? "";
  const at = target(url);
  const say = (message: string) => new StoreOpenError(message, { cause: err });
  if (code === "ERR_INVALID_URL" || err instanceof URIError)
    return say(
      "DATABASE_URL is not a valid URL: write it as postgres://USER:PASSWORD@HOST:5432/DATABASE, with special characters in the password percent-encoded",
    );
  if (code === "ECONNREFUSED")
    return say(
      `cannot connect to PostgreSQL at ${at} (connection refused): start the server, or fix the host and port in DATABASE_URL`,
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return say(`cannot connect to PostgreSQL at ${at} (host not found): fix the host in DATABASE_URL`);
  if (
    code === "ETIMEDOUT" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH" ||
    /timeout/i.test(messageOf(err))
  )
    return say(
      `PostgreSQL at ${at} did not answer: check that the server is up and reachable, and the host and port in DATABASE_URL`,
    );
  if (code === "ECONNRESET")
    return say(`PostgreSQL at ${at} closed the connection: check the server's logs and its SSL settings`);
  if (code === "28P01" || code === "28000")
    return say(
      `PostgreSQL at ${at} refused the login of user "${userOf(url)}" (${messageOf(err)}): check the user and password in DATABASE_URL`,
    );
  if (code === "3D000")
    return say(
      `PostgreSQL at ${at}: ${messageOf(err)}: create it (createdb), or fix the database name in DATABASE_URL`,
    );
  if (code === "57P03")
    return say(`PostgreSQL at ${at} is starting up or shutting down: try again in a moment`);
  if (code === "42501")
    return say(
      `PostgreSQL at ${at}: ${messageOf(err)}: grant the user of DATABASE_URL the right to create tables in its schema`,
    );
  return say(
    `cannot open the PostgreSQL store at ${at} (${code ? `${code}: ` : ""}${messageOf(err)}): check DATABASE_URL and the server, or set LOG_LEVEL=debug for details`,
  );
}
