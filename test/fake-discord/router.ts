import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, describeFieldError, type FieldError } from "./errors.js";
import type { Gateway } from "./gateway.js";
import { parseBody, sendJson } from "./http.js";
import { asArray, asObject } from "./json.js";
import type { RecordedRequest, UploadedFile } from "./types.js";
import type { World } from "./world.js";

/** What every REST handler works on. */
export interface Deps {
  world: World;
  gateway: Gateway;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteContext {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

export interface Reply {
  status: number;
  body?: unknown;
}

export interface Route {
  method: Method;
  /** Relative to `/api/v10`, with `:name` segments: `/channels/:channelId/messages`. */
  path: string;
  /** Interaction callbacks and webhooks are called without the bot token, like on Discord. */
  auth: boolean;
  handle(ctx: RouteContext): Reply | Promise<Reply>;
}

const PREFIX = "/api/v10";

export const ok = (body?: unknown): Reply => (body === undefined ? { status: 204 } : { status: 200, body });

/** Matches requests to routes, checks the token, records every request and every refusal. */
export class Router {
  constructor(
    private readonly world: World,
    private readonly routes: readonly Route[],
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = (req.method ?? "GET").toUpperCase();
    const versioned = url.pathname.startsWith(`${PREFIX}/`);
    const segments = url.pathname.slice(PREFIX.length).split("/").slice(1).map(safeDecode);
    const path = `/${segments.join("/")}`;
    const match = versioned ? this.match(method, segments) : undefined;
    const authorized = req.headers.authorization === `Bot ${this.world.config.token}`;
    const record: RecordedRequest = {
      method,
      path: versioned ? path : url.pathname,
      route: match?.route.path ?? null,
      query: Object.fromEntries(url.searchParams),
      authorized,
      body: undefined,
      files: [],
      status: 0,
      at: Date.now(),
    };
    this.world.requests.push(record);
    let status: number;
    let body: unknown;
    try {
      const parsed = await parseBody(req).catch(() => {
        throw new ApiError(400, { code: 50109, message: "The request body contains invalid JSON." });
      });
      record.body = parsed.body;
      record.files = parsed.files;
      if (!match) {
        this.world.unknownRoutes.push({ method, path: record.path });
        throw new ApiError(404, { code: 0, message: "404: Not Found" });
      }
      if (match.route.auth && !authorized) throw new ApiError(401, { code: 0, message: "401: Unauthorized" });
      const fault = this.world.takeFault(method, match.route.path);
      if (fault) {
        // Asked for by the test: not the bot's mistake, so not a violation.
        record.status = fault.status;
        sendJson(res, fault.status, { code: fault.code, message: fault.message });
        this.world.notify();
        return;
      }
      const reply = await match.route.handle({ params: match.params, query: url.searchParams, ...parsed });
      ({ status, body } = reply);
    } catch (error) {
      ({ status, body } = this.refuse(error, record, match?.params));
    }
    record.status = status;
    sendJson(res, status, body);
    this.world.notify();
  }

  private match(method: string, segments: string[]) {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const pattern = route.path.split("/").slice(1);
      if (pattern.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = pattern.every((part, i) => {
        const actual = segments[i] ?? "";
        if (part.startsWith(":")) params[part.slice(1)] = actual;
        return part.startsWith(":") || part === actual;
      });
      if (ok) return { route, params };
    }
    return undefined;
  }

  private refuse(
    error: unknown,
    record: RecordedRequest,
    params: Readonly<Record<string, string>> | undefined,
  ): Reply {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(
            500,
            { code: 0, message: "500: fake-discord failed" },
            error instanceof Error ? error.stack : String(error),
          );
    const interaction =
      params?.interactionId ?? (params?.token ? this.world.interactionByToken(params.token)?.id : undefined);
    const isUnknownRoute = record.route === null && apiError.status === 404;
    if (!isUnknownRoute) {
      this.world.violations.push({
        method: record.method,
        path: record.path,
        route: record.route,
        status: apiError.status,
        code: apiError.body.code,
        message: apiError.body.message,
        errors: flatten(apiError.body.errors).map(describeFieldError),
        ...(apiError.detail !== undefined ? { detail: apiError.detail } : {}),
        ...(interaction !== undefined ? { interactionId: interaction } : {}),
        body: record.body,
      });
    }
    return { status: apiError.status, body: apiError.body };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The inverse of `nestErrors`, for the violation log. */
function flatten(tree: unknown, path: Array<string | number> = []): FieldError[] {
  const node = asObject(tree);
  const here = asArray(node._errors).map((e) => {
    const { code, message } = asObject(e);
    return { path, code: String(code), message: String(message) };
  });
  const below = Object.entries(node)
    .filter(([key]) => key !== "_errors")
    .flatMap(([key, child]) => flatten(child, [...path, /^\d+$/.test(key) ? Number(key) : key]));
  return [...here, ...below];
}
