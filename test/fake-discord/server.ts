import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serveCdn } from "./cdn.js";
import { BOT_PERMISSIONS, botApiUser } from "./entities.js";
import { Gateway } from "./gateway.js";
import { FakeDiscord } from "./harness.js";
import { botToken, snowflake } from "./ids.js";
import { appRoutes } from "./rest-app.js";
import { channelRoutes } from "./rest-channels.js";
import { interactionRoutes } from "./rest-interactions.js";
import { messageRoutes } from "./rest-messages.js";
import { threadRoutes } from "./rest-threads.js";
import { webhookRoutes } from "./rest-webhooks.js";
import { Router } from "./router.js";
import { addGuild } from "./setup.js";
import { Simulator } from "./simulate.js";
import type { FakeDiscordOptions } from "./types.js";
import { World } from "./world.js";

/** Starts the fake REST API and gateway on 127.0.0.1 with a free port. Close it with `discord.close()`. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? snowflake();
  const botUserId = options.botUserId ?? applicationId;
  const world = new World({
    applicationId,
    bot: botApiUser(botUserId, options.botUsername ?? "STAR Coach"),
    token: options.token ?? botToken(botUserId),
    botPermissions: options.botPermissions ?? BOT_PERMISSIONS,
    shards: options.shards ?? 1,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    ackDeadlineMs: options.ackDeadlineMs ?? 3_000,
    waitTimeoutMs: options.waitTimeoutMs ?? 5_000,
  });
  const gateway = new Gateway(world);
  world.isConnected = () => gateway.connected;
  const deps = { world, gateway };
  const router = new Router(world, [
    ...appRoutes(deps),
    ...interactionRoutes(deps),
    ...webhookRoutes(deps),
    ...channelRoutes(deps),
    ...messageRoutes(deps),
    ...threadRoutes(deps),
  ]);
  for (const spec of options.guilds ?? [{}]) addGuild(world, spec);
  const defaultUser = world.addUser({ username: "candidate", globalName: "Casey Candidate" }, snowflake);

  const server = createServer((req, res) => {
    if (serveCdn(world, req, res)) return;
    router.handle(req, res).catch(() => res.destroy());
  });
  server.on("upgrade", (req, socket, head) => gateway.upgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  world.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    closing ??= (async () => {
      world.waiters.close();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return closing;
  };
  return new FakeDiscord(
    world,
    gateway,
    new Simulator(world, gateway, () => defaultUser),
    defaultUser,
    shutdown,
  );
}
