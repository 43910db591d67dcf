/** One problem with a request body, at a path such as `["data", "embeds", 0, "description"]`. */
export interface FieldError {
  path: ReadonlyArray<string | number>;
  code: string;
  message: string;
}

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

/** An HTTP error the fake answers with, in Discord's JSON shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
    /** Why the fake refused, beyond what Discord says (e.g. the measured latency). */
    readonly detail?: string,
  ) {
    super(body.message);
  }
}

export const Errors = {
  unauthorized: () => new ApiError(401, { code: 0, message: "401: Unauthorized" }),
  notFound: () => new ApiError(404, { code: 0, message: "404: Not Found" }),
  unknownApplication: () => new ApiError(404, { code: 10002, message: "Unknown Application" }),
  unknownChannel: () => new ApiError(404, { code: 10003, message: "Unknown Channel" }),
  unknownGuild: () => new ApiError(404, { code: 10004, message: "Unknown Guild" }),
  unknownMember: () => new ApiError(404, { code: 10007, message: "Unknown Member" }),
  unknownMessage: () => new ApiError(404, { code: 10008, message: "Unknown Message" }),
  unknownUser: () => new ApiError(404, { code: 10013, message: "Unknown User" }),
  unknownWebhook: (detail?: string) => new ApiError(404, { code: 10015, message: "Unknown Webhook" }, detail),
  unknownInteraction: (detail?: string) =>
    new ApiError(404, { code: 10062, message: "Unknown interaction" }, detail),
  unknownCommand: () => new ApiError(404, { code: 10063, message: "Unknown application command" }),
  alreadyAcknowledged: () =>
    new ApiError(400, { code: 40060, message: "Interaction has already been acknowledged." }),
  emptyMessage: () => new ApiError(400, { code: 50006, message: "Cannot send an empty message" }),
  invalidFormBody: (errors: readonly FieldError[]) =>
    new ApiError(400, { code: 50035, message: "Invalid Form Body", errors: nestErrors(errors) }),
} as const;

/** Turns flat field errors into Discord's nested `{ a: { 0: { b: { _errors: [...] } } } }` tree. */
export function nestErrors(errors: readonly FieldError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { path, code, message } of errors) {
    let node = root;
    for (const key of path) {
      const name = String(key);
      const child = node[name];
      if (typeof child === "object" && child !== null) node = child as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        node[name] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    list.push({ code, message });
    node._errors = list;
  }
  return root;
}

/** `"data.embeds[0].description: Must be 4096 or fewer in length."`, the way discord.js prints them. */
export function describeFieldError({ path, message }: FieldError): string {
  const where = path.map((key, index) => (typeof key === "number" ? `[${key}]` : index ? `.${key}` : key));
  return `${where.join("")}: ${message}`;
}
