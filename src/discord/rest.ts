import { type InternalRequest, REST, RESTEvents, type RESTOptions, type ResponseLike } from "discord.js";

/**
 * The client's REST, with interaction responses kept out of the bot's global rate limit.
 *
 * Discord does not count interaction endpoints against a bot's global limit of 50 requests a second: the
 * callback (`POST /interactions/{id}/{token}/callback`) and the interaction's webhook
 * (`/webhooks/{application id}/{token}...`: edits of the reply, follow-ups), which keeps the per-route
 * limits of a webhook ("Receiving and Responding", Endpoints). @discordjs/rest 2.6 spares only the
 * callback (it goes through a BurstHandler); edits and follow-ups go through a SequentialHandler, which
 * counts every request against the REST's one global counter whatever the route or `auth: false`, so at
 * 100 deferred commands a second the edits queued for seconds. No option exempts a route:
 * `globalRequestsPerSecond` is for the whole client (Infinity would drop the limit for channel posts and
 * thread creation too) and `rejectOnRateLimit` only turns waiting into an error. So interaction routes
 * go to a second REST whose global limit is off: each interaction token still gets its own bucket, and a
 * 429 from Discord (global or not) is still waited out. Every other route (channels, threads, messages,
 * commands) keeps discord.js's handling, the global limit included.
 */
export class BotRest extends REST {
  readonly #interactions: REST;

  constructor(
    options: Partial<RESTOptions>,
    /** The application's id, known once the client is ready; interaction webhooks are under it. */
    private readonly applicationId: () => string | undefined,
  ) {
    super(options);
    this.#interactions = new REST({ ...options, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
    this.#interactions.on(RESTEvents.RateLimited, (info) => this.emit(RESTEvents.RateLimited, info));
    this.#interactions.on(RESTEvents.InvalidRequestWarning, (info) =>
      this.emit(RESTEvents.InvalidRequestWarning, info),
    );
    this.#interactions.on(RESTEvents.Debug, (info) => this.emit(RESTEvents.Debug, info));
  }

  /** Whether a route answers an interaction (not bound to the global rate limit). */
  isInteractionRoute(route: string): boolean {
    if (route.startsWith("/interactions/") && route.endsWith("/callback")) return true;
    const app = this.applicationId();
    return app !== undefined && route.startsWith(`/webhooks/${app}/`);
  }

  override queueRequest(request: InternalRequest): Promise<ResponseLike> {
    return this.isInteractionRoute(request.fullRoute)
      ? this.#interactions.queueRequest(request)
      : super.queueRequest(request);
  }

  override setToken(token: string): this {
    // Interaction routes go without the token (`auth: false`), but a caller may still ask for it.
    this.#interactions.setToken(token);
    return super.setToken(token);
  }

  override clearHashSweeper(): void {
    this.#interactions.clearHashSweeper();
    super.clearHashSweeper();
  }

  override clearHandlerSweeper(): void {
    this.#interactions.clearHandlerSweeper();
    super.clearHandlerSweeper();
  }
}
