import { type RateLimitData, RESTEvents, Routes } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/discord/bot.js";
import { BotRest } from "../../src/discord/rest.js";
import { type FakeDiscord, startFakeDiscord } from "../fake-discord/index.js";

let discord: FakeDiscord | undefined;

afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

describe("the bot's REST client", () => {
  it("is the client's", async () => {
    const client = createClient({ DISCORD_API_BASE: "http://127.0.0.1:9/api" });
    expect(client.rest).toBeInstanceOf(BotRest);
    await client.destroy();
  });

  it("tells interaction routes from the rest", () => {
    const rest = new BotRest({}, () => "111111111111111111");
    expect(rest.isInteractionRoute("/interactions/222222222222222222/tok/callback")).toBe(true);
    expect(rest.isInteractionRoute("/webhooks/111111111111111111/tok")).toBe(true);
    expect(rest.isInteractionRoute("/webhooks/111111111111111111/tok/messages/@original")).toBe(true);
    // Another application's webhook, the application's own webhook routes without a token, bot routes.
    expect(rest.isInteractionRoute("/webhooks/333333333333333333/tok/messages/@original")).toBe(false);
    expect(rest.isInteractionRoute("/webhooks/111111111111111111")).toBe(false);
    expect(rest.isInteractionRoute("/channels/444444444444444444/messages")).toBe(false);
    expect(new BotRest({}, () => undefined).isInteractionRoute("/webhooks/1/tok")).toBe(false);
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  });

  it("keeps interaction responses out of the global rate limit, and every other route in it", async () => {
    discord = await startFakeDiscord();
    const app = discord.applicationId;
    // One request a second, so that the global limit is met at once.
    const rest = new BotRest({ api: discord.apiBase, globalRequestsPerSecond: 1 }, () => app);
    rest.setToken(discord.token);
    const limited: RateLimitData[] = [];
    rest.on(RESTEvents.RateLimited, (info) => limited.push(info));
    // Edits, follow-ups and callbacks of interactions the fake does not know: refused, but not held.
    const refused = () => undefined;
    for (let i = 0; i < 3; i++) {
      const token = `token${i}`;
      await rest
        .patch(Routes.webhookMessage(app, token), { auth: false, body: { content: "x" } })
        .catch(refused);
      await rest.post(Routes.webhook(app, token), { auth: false, body: { content: "x" } }).catch(refused);
      await rest
        .post(Routes.interactionCallback(`12345678901234567${i}`, token), { auth: false, body: { type: 1 } })
        .catch(refused);
    }
    expect(limited).toEqual([]);
    await rest.get(Routes.channel(discord.defaultChannelId));
    await rest.get(Routes.channel(discord.defaultChannelId));
    expect(limited.map((l) => l.global)).toEqual([true]);
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  });
});
