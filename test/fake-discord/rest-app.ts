import { type APIApplicationCommand, ApplicationCommandType } from "discord.js";
import { apiUser, member } from "./entities.js";
import { Errors } from "./errors.js";
import { snowflake } from "./ids.js";
import { asArray, asObject, type JsonObject } from "./json.js";
import { assertValidCommands } from "./limits-commands.js";
import { type Deps, ok, type Route } from "./router.js";
import type { World } from "./world.js";

/** Gateway discovery, the bot's user and application, command registration, guild look-ups. */
export function appRoutes({ world, gateway }: Deps): Route[] {
  const { config } = world;
  const app = (params: Readonly<Record<string, string>>): void => {
    if (params.appId !== config.applicationId) throw Errors.unknownApplication();
  };
  const guild = (id: string | undefined) => {
    const found = id !== undefined ? world.guilds.get(id) : undefined;
    if (!found) throw Errors.unknownGuild();
    return found;
  };
  const commandRoutes = (path: string, scopeOf: (p: Readonly<Record<string, string>>) => string): Route[] => [
    {
      method: "GET",
      path,
      auth: true,
      handle: ({ params }) => {
        app(params);
        return ok(world.commands.get(scopeOf(params)) ?? []);
      },
    },
    {
      method: "PUT",
      path,
      auth: true,
      handle: ({ params, body }) => {
        app(params);
        assertValidCommands(body);
        return ok(overwrite(world, scopeOf(params), asArray(body).map(asObject)));
      },
    },
    {
      method: "POST",
      path,
      auth: true,
      handle: ({ params, body }) => {
        app(params);
        assertValidCommands([body]);
        const scope = scopeOf(params);
        const others = (world.commands.get(scope) ?? []).filter((c) => c.name !== asObject(body).name);
        const all = overwrite(world, scope, [...(others as unknown as JsonObject[]), asObject(body)]);
        return { status: 201, body: all[all.length - 1] };
      },
    },
    {
      method: "DELETE",
      path: `${path}/:commandId`,
      auth: true,
      handle: ({ params }) => {
        app(params);
        const list = world.commands.get(scopeOf(params)) ?? [];
        if (!list.some((c) => c.id === params.commandId)) throw Errors.unknownCommand();
        world.commands.set(
          scopeOf(params),
          list.filter((c) => c.id !== params.commandId),
        );
        return ok();
      },
    },
  ];
  return [
    { method: "GET", path: "/gateway", auth: false, handle: () => ok({ url: gateway.url }) },
    {
      method: "GET",
      path: "/gateway/bot",
      auth: true,
      handle: () =>
        ok({
          url: gateway.url,
          shards: config.shards,
          // max_concurrency above 1 so discord.js does not wait 5 s between identifies.
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 16 },
        }),
    },
    { method: "GET", path: "/users/@me", auth: true, handle: () => ok(config.bot) },
    {
      method: "GET",
      path: "/users/:userId",
      auth: true,
      handle: ({ params }) => {
        if (params.userId === config.bot.id) return ok(config.bot);
        const user = world.users.get(params.userId ?? "");
        if (!user) throw Errors.unknownUser();
        return ok(apiUser(user));
      },
    },
    { method: "GET", path: "/applications/@me", auth: true, handle: () => ok(application(world)) },
    ...commandRoutes("/applications/:appId/commands", () => "global"),
    ...commandRoutes("/applications/:appId/guilds/:guildId/commands", (p) => guild(p.guildId).id),
    {
      method: "GET",
      path: "/guilds/:guildId",
      auth: true,
      handle: ({ params }) => {
        const g = guild(params.guildId);
        return ok({
          id: g.id,
          name: g.name,
          owner_id: g.ownerId,
          roles: [g.everyoneRole, g.botRole],
          preferred_locale: g.locale,
          features: [],
          emojis: [],
          stickers: [],
        });
      },
    },
    {
      method: "GET",
      path: "/guilds/:guildId/channels",
      auth: true,
      handle: ({ params }) => ok(guild(params.guildId).channelIds.map((id) => world.channels.get(id))),
    },
    {
      method: "GET",
      path: "/guilds/:guildId/members/:userId",
      auth: true,
      handle: ({ params }) => {
        const g = guild(params.guildId);
        const id = params.userId ?? "";
        if (id !== config.bot.id && !g.memberIds.has(id)) throw Errors.unknownMember();
        return ok(member(world, g, id));
      },
    },
  ];
}

/** Bulk overwrite keeps the id of a command whose name and type are unchanged, as Discord does. */
function overwrite(world: World, scope: string, bodies: JsonObject[]): APIApplicationCommand[] {
  const before = world.commands.get(scope) ?? [];
  const commands = bodies.map((body): APIApplicationCommand => {
    const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const previous = before.find((c) => c.name === body.name && c.type === type);
    return {
      ...(body as unknown as APIApplicationCommand),
      id: previous?.id ?? snowflake(),
      application_id: world.config.applicationId,
      version: snowflake(),
      type,
      description: typeof body.description === "string" ? body.description : "",
      default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
      ...(scope !== "global" ? { guild_id: scope } : {}),
    };
  });
  world.commands.set(scope, commands);
  return commands;
}

function application(world: World): JsonObject {
  return {
    id: world.config.applicationId,
    name: world.config.bot.username,
    icon: null,
    description: "",
    summary: "",
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: 0,
    team: null,
    bot: world.config.bot,
  };
}
