import { ChannelType, type Client, Events } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/discord/bot.js";
import { registerCommands } from "../../src/discord/register.js";
import { type FakeDiscord, startFakeDiscord } from "../fake-discord/index.js";

let discord: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await discord?.close();
  discord = undefined;
});

describe("what the bot's client caches", () => {
  it("keeps guilds, channels and itself; not the users, members and messages that interactions bring", async () => {
    const fake = await startFakeDiscord();
    discord = fake;
    await registerCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guilds[0]?.id,
      apiBase: fake.apiBase,
    });
    const bot = createClient({ DISCORD_API_BASE: fake.apiBase });
    client = bot;
    const seen: string[] = [];
    bot.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push(interaction.user.id);
      void interaction.reply({ content: `hello ${interaction.member ? "member" : "user"}` });
    });
    const ready = new Promise((resolve) => bot.once(Events.ClientReady, resolve));
    await bot.login(fake.token);
    await ready;
    const users = Array.from({ length: 5 }, (_, i) => fake.createUser({ username: `u${i}` }));
    for (const user of users) {
      const reply = await fake.slashCommand({ user, name: "star" }).reply();
      expect(reply.content).toBe("hello member");
    }
    expect(seen).toEqual(users.map((u) => u.id));
    const guild = bot.guilds.cache.get(fake.guilds[0]?.id ?? "");
    expect(guild?.channels.cache.get(fake.defaultChannelId)?.type).toBe(ChannelType.GuildText);
    expect(bot.channels.cache.has(fake.defaultChannelId)).toBe(true);
    expect([...bot.users.cache.keys()]).toEqual([bot.user?.id]);
    expect([...(guild?.members.cache.keys() ?? [])].every((id) => id === bot.user?.id)).toBe(true);
  });
});
