import { once } from "node:events";
import {
  ActionRowBuilder,
  type APIModalSubmitInteraction,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  ComponentType,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  InteractionResponseType,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseMultipart } from "./fake-discord/http.js";
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  findButton,
  messageText,
  startFakeDiscord,
} from "./fake-discord/index.js";

// A tiny bot written against the real discord.js client; no code from src/.
type Handler = (interaction: Interaction) => Promise<void>;

let discord: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
  client = undefined;
  discord = undefined;
});

async function connect(handler: Handler, options: FakeDiscordOptions = {}) {
  const fake = await startFakeDiscord(options);
  discord = fake;
  const bot = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  client = bot;
  const errors: unknown[] = [];
  bot.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => errors.push(error));
  });
  const ready = once(bot, Events.ClientReady);
  await bot.login(fake.token);
  await ready;
  return { discord: fake, client: bot, errors };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noop: Handler = async () => undefined;

const interviewCommand = new SlashCommandBuilder()
  .setName("interview")
  .setDescription("Practice a behavioral interview")
  .addSubcommand((start) =>
    start
      .setName("start")
      .setDescription("Start a mock interview")
      .addStringOption((o) =>
        o
          .setName("level")
          .setDescription("Career level")
          .setRequired(true)
          .addChoices({ name: "Entry", value: "entry" }, { name: "Mid", value: "mid" }),
      )
      .addIntegerOption((o) => o.setName("count").setDescription("Questions"))
      .addStringOption((o) => o.setName("focus").setDescription("Focus").setAutocomplete(true)),
  );

const answerButton = new ActionRowBuilder<ButtonBuilder>().addComponents(
  new ButtonBuilder().setCustomId("answer:q1").setLabel("Answer").setStyle(ButtonStyle.Primary),
  new ButtonBuilder().setCustomId("skip:q1").setLabel("Skip").setStyle(ButtonStyle.Secondary),
);

/** Replies to /interview start with an ephemeral question embed and buttons. */
const interviewBot: Handler = async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  const level = interaction.options.getString("level", true);
  const count = interaction.options.getInteger("count") ?? 5;
  await interaction.reply({
    embeds: [new EmbedBuilder().setTitle("Question 1").setDescription(`Level ${level}, ${count} questions`)],
    components: [answerButton],
    flags: MessageFlags.Ephemeral,
  });
};

describe("fake Discord with the real discord.js client", () => {
  it("logs in: READY, guilds, heartbeats, and guildCreate for a guild joined later", async () => {
    const { discord, client } = await connect(noop, { heartbeatIntervalMs: 50 });
    expect(client.user?.id).toBe(discord.botUserId);
    expect(client.application?.id).toBe(discord.applicationId);
    const [guild] = discord.guilds;
    expect(client.guilds.cache.get(guild?.id ?? "")?.channels.cache.get(discord.defaultChannelId)?.name).toBe(
      "general",
    );
    expect(discord.identifies[0]).toMatchObject({
      intents: GatewayIntentBits.Guilds,
      path: "/gateway",
      shard: [0, 1],
    });
    expect(discord.requestsTo("GET", "/gateway/bot")[0]?.authorized).toBe(true);
    await discord.waitForHeartbeat(1);

    const created = once(client, Events.GuildCreate);
    const added = discord.addGuild({ name: "OM Study Group", channels: [{ name: "mock-interviews" }] });
    const [joined] = (await created) as [{ id: string; name: string }];
    expect(joined).toMatchObject({ id: added.id, name: "OM Study Group" });
    expect(discord.violations).toEqual([]);
    expect(discord.unknownRoutes).toEqual([]);
  });

  it("registers commands and answers a slash command with an ephemeral embed and buttons", async () => {
    const { discord, client } = await connect(interviewBot);
    await client.application?.commands.set([interviewCommand]);
    const guildId = discord.guilds[0]?.id ?? "";
    await client.guilds.cache.get(guildId)?.commands.set([{ name: "coach", description: "Coach tools" }]);
    expect(discord.registeredCommands().map((c) => c.name)).toEqual(["interview"]);
    expect(discord.registeredCommands(guildId)[0]).toMatchObject({ name: "coach", guild_id: guildId });

    const i = discord.slashCommand({
      name: "interview",
      subcommand: "start",
      options: { level: "mid", count: 3 },
    });
    const response = await i.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data.flags).toBe(MessageFlags.Ephemeral);
    const reply = await i.reply();
    expect(messageText(reply)).toBe("Question 1\nLevel mid, 3 questions");
    expect(findButton(reply, "Answer")).toMatchObject({ custom_id: "answer:q1" });
    expect(i.latencyMs).toBeLessThan(3000);
    expect(discord.channelMessages()).toEqual([]); // ephemeral: nobody else sees it

    expect(() =>
      discord.slashCommand({ name: "interview", subcommand: "start", options: { levle: "mid" } }),
    ).toThrow('has no option "levle"');
    expect(() =>
      discord.slashCommand({ name: "interview", subcommand: "start", options: { level: "cto" } }),
    ).toThrow("must be one of");
    expect(discord.violations).toEqual([]);
  });

  it("defers then edits the reply, and sends follow-ups", async () => {
    const { discord } = await connect(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await sleep(20);
      if (interaction.commandName === "grade") {
        await interaction.editReply("Overall 4/5");
        await interaction.followUp({ content: "Tip: add a baseline", flags: MessageFlags.Ephemeral });
      } else {
        await interaction.followUp("Done"); // the first follow-up replaces the "thinking..." message
      }
    });
    const i = discord.slashCommand({ name: "grade" });
    expect((await i.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((await i.reply()).content).toBe("Overall 4/5");
    const [tip] = await i.followUps(1);
    expect(tip?.content).toBe("Tip: add a baseline");
    expect((tip?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect((await i.edits()).map((e) => e.body.content)).toEqual(["Overall 4/5"]);
    expect(discord.channelMessages().map((m) => m.content)).toEqual(["Overall 4/5"]);

    const quick = discord.slashCommand({ name: "quick" });
    const reply = await quick.reply();
    expect(reply.content).toBe("Done");
    expect((await quick.followUps())[0]?.id).toBe(reply.id);
    expect(discord.violations).toEqual([]);
  });

  it("shows a modal from a button and reads the submitted field", async () => {
    const { discord } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) await interviewBot(interaction);
      if (interaction.isButton()) {
        const modal = new ModalBuilder()
          .setCustomId(`modal:${interaction.customId}`)
          .setTitle("Your answer")
          .addLabelComponents(
            new LabelBuilder()
              .setLabel("Answer in STAR form")
              .setTextInputComponent(
                new TextInputBuilder()
                  .setCustomId("answer")
                  .setStyle(TextInputStyle.Paragraph)
                  .setMaxLength(4000),
              ),
          );
        await interaction.showModal(modal);
      }
      if (interaction.isModalSubmit()) {
        const answer = interaction.fields.getTextInputValue("answer");
        await interaction.reply(
          `${interaction.customId} got ${answer.length} chars on ${interaction.message?.id}`,
        );
      }
    });
    const question = await discord.slashCommand({ name: "interview", options: { level: "entry" } }).reply();
    const click = discord.clickButton({ message: question, label: "Answer" });
    const modal = await click.modal();
    expect(modal).toMatchObject({ custom_id: "modal:answer:q1", title: "Your answer" });
    expect(() => discord.submitModal({ from: click, fields: { anwser: "x" } })).toThrow(
      'has no field "anwser"',
    );

    const submit = discord.submitModal({
      from: click,
      fields: { answer: "At our DC, on-time dispatch was 84%." },
    });
    expect((await submit.reply()).content).toBe(`modal:answer:q1 got 36 chars on ${question.id}`);
    // What Discord sends for a text input in a Label: the label's id, then the input's, in order.
    expect((submit.payload as APIModalSubmitInteraction).data.components).toEqual([
      {
        type: ComponentType.Label,
        id: 1,
        component: {
          type: ComponentType.TextInput,
          id: 2,
          custom_id: "answer",
          value: "At our DC, on-time dispatch was 84%.",
        },
      },
    ]);
    expect(discord.violations).toEqual([]);
  });

  it("submits a modal of labels and a text display as Discord does, numbering what the bot left unnumbered", async () => {
    const { discord, errors } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.showModal({
          custom_id: "survey",
          title: "Survey",
          components: [
            { type: ComponentType.TextDisplay, content: "A few questions" },
            {
              type: ComponentType.Label,
              label: "Where do you work?",
              component: { type: ComponentType.TextInput, custom_id: "site", style: TextInputStyle.Short },
            },
            {
              type: ComponentType.Label,
              id: 2,
              label: "Level",
              description: "The role you practice for",
              component: {
                type: ComponentType.StringSelect,
                custom_id: "level",
                options: [
                  { label: "Entry", value: "entry" },
                  { label: "Senior", value: "senior" },
                ],
              },
            },
          ],
        });
      } else if (interaction.isModalSubmit()) {
        const site = interaction.fields.getTextInputValue("site");
        const level = interaction.fields.getStringSelectValues("level").join();
        await interaction.reply(`${site} ${level} (${interaction.fields.fields.size} fields)`);
      }
    });
    const open = discord.slashCommand({ name: "survey" });
    await open.modal();
    expect(() => discord.submitModal({ from: open, fields: { site: "Columbus DC" } })).toThrow(
      'modal field "level" is required',
    );
    const submit = discord.submitModal({ from: open, fields: { site: "Columbus DC", level: ["senior"] } });
    expect((await submit.reply()).content).toBe("Columbus DC senior (2 fields)");
    // Id 2 is the bot's own, so the ids Discord fills in go around it.
    expect((submit.payload as APIModalSubmitInteraction).data.components).toEqual([
      { type: ComponentType.TextDisplay, id: 1 },
      {
        type: ComponentType.Label,
        id: 3,
        component: { type: ComponentType.TextInput, id: 4, custom_id: "site", value: "Columbus DC" },
      },
      {
        type: ComponentType.Label,
        id: 2,
        component: { type: ComponentType.StringSelect, id: 5, custom_id: "level", values: ["senior"] },
      },
    ]);
    expect(errors).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it("answers autocomplete with choices", async () => {
    const { discord, client } = await connect(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      const all = ["inventory", "inventory accuracy", "lean"];
      await interaction.respond(all.filter((v) => v.startsWith(typed)).map((v) => ({ name: v, value: v })));
    });
    await client.application?.commands.set([interviewCommand]);
    const i = discord.autocomplete({
      name: "interview",
      subcommand: "start",
      options: { level: "mid", focus: "inv" },
      focused: "focus",
    });
    expect((await i.choices()).map((c) => c.value)).toEqual(["inventory", "inventory accuracy"]);
    expect(discord.violations).toEqual([]);
  });

  it("handles DMs, select menus, and keeps ephemeral messages to their owner", async () => {
    const { discord } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const menu = new StringSelectMenuBuilder()
          .setCustomId("level")
          .addOptions({ label: "Entry", value: "entry" }, { label: "Senior", value: "senior" });
        await interaction.reply({
          content: `in ${interaction.guildId ?? "DM"}`,
          components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
          flags: MessageFlags.Ephemeral,
        });
      } else if (interaction.isStringSelectMenu()) {
        await interaction.update({ content: `level ${interaction.values.join()}`, components: [] });
      }
    });
    const inDm = discord.slashCommand({ name: "practice", guildId: null });
    expect(inDm.payload.channel?.type).toBe(ChannelType.DM);
    expect((await inDm.reply()).content).toBe("in DM");

    const picker = await discord.slashCommand({ name: "practice" }).reply();
    const stranger = discord.createUser({ username: "stranger" });
    expect(() =>
      discord.selectMenu({ user: stranger, message: picker, customId: "level", values: ["senior"] }),
    ).toThrow("ephemeral");
    expect(() => discord.selectMenu({ message: picker, customId: "level", values: ["cto"] })).toThrow(
      "no option cto",
    );
    const select = discord.selectMenu({ message: picker, customId: "level", values: ["senior"] });
    expect((await select.response()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(await select.reply()).toMatchObject({ id: picker.id, content: "level senior", components: [] });
    expect(discord.violations).toEqual([]);
  });

  it.each([
    ["terminated socket", undefined],
    ["close code 4000", 4000],
  ])("resumes after a %s, replays what was missed, and keeps handling interactions", async (_, code) => {
    const { discord, client } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`pong ${interaction.commandName}`);
    });
    const resumed = once(client, Events.ShardResume);
    discord.dropConnection(code === undefined ? {} : { code });
    const missed = discord.slashCommand({ name: "while-down" }); // buffered, replayed on RESUME
    const resume = await discord.waitForResume();
    expect(resume).toMatchObject({ path: "/gateway/resume", replayed: 1 });
    await resumed;
    expect((await missed.reply()).content).toBe("pong while-down");
    expect((await discord.slashCommand({ name: "after" }).reply()).content).toBe("pong after");
    expect(discord.gatewayStats).toMatchObject({ identifies: 1, resumes: 1 });
  });

  it("refuses what Discord refuses; the client gets a DiscordAPIError and the fake records it", async () => {
    const { discord, client, errors } = await connect(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === "long") {
        await interaction.reply("x".repeat(2001));
        return;
      }
      await interaction.reply("first");
      // discord.js guards against a second reply itself, so go around it to reach the fake.
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: "again" } },
        auth: false,
      });
    });
    discord.slashCommand({ name: "long" });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(errors[0]).toMatchObject({ code: 50035, status: 400 });
    expect(String((errors[0] as Error).message)).toContain("data.content[BASE_TYPE_MAX_LENGTH]");
    expect(discord.violations[0]).toMatchObject({
      code: 50035,
      route: "/interactions/:interactionId/:token/callback",
      errors: ["data.content: Must be 2000 or fewer in length."],
    });

    discord.slashCommand({ name: "twice" });
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    expect(errors[1]).toMatchObject({ code: 40060, message: "Interaction has already been acknowledged." });
    expect(discord.violations.map((v) => v.code)).toEqual([50035, 40060]);
  });

  it.each([
    ["an empty message", {}, 50006, ""],
    [
      "a 4,097-char embed description",
      { embeds: [{ description: "d".repeat(4097) }] },
      50035,
      "embeds[0].description",
    ],
    [
      "26 embed fields",
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }] },
      50035,
      "embeds[0].fields",
    ],
    [
      "a 1,025-char field value",
      { embeds: [{ fields: [{ name: "n", value: "v".repeat(1025) }] }] },
      50035,
      "fields[0].value",
    ],
    [
      "embeds over 6,000 chars",
      { embeds: [{ description: "a".repeat(4000) }, { description: "b".repeat(2001) }] },
      50035,
      "MAX_EMBED_SIZE_EXCEEDED",
    ],
    [
      "11 embeds",
      { embeds: Array.from({ length: 11 }, () => ({ title: "t" })) },
      50035,
      "embeds[BASE_TYPE_MAX_LENGTH]",
    ],
    [
      "6 action rows",
      { components: Array.from({ length: 6 }, (_, r) => row(1, `r${r}`)) },
      50035,
      "components[BASE_TYPE_MAX_LENGTH]",
    ],
    ["6 buttons in a row", { components: [row(6, "b")] }, 50035, "components[0].components"],
    ["a 101-char custom_id", { components: [row(1, "c".repeat(101))] }, 50035, "custom_id"],
  ])("refuses a channel message with %s", async (_, body, code, inMessage) => {
    const { discord, client } = await connect(noop);
    const error = await client.rest
      .post(Routes.channelMessages(discord.defaultChannelId), { body })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code });
    expect(String((error as Error).message)).toContain(inMessage);
    expect(discord.violations).toHaveLength(1);
  });

  it("refuses a modal over Discord's limits", async () => {
    const { discord, client, errors } = await connect(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      // discord.js's builders would refuse this title themselves; raw JSON reaches the fake.
      const input = { type: 4, custom_id: "a", label: "A", style: TextInputStyle.Short };
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: {
          type: InteractionResponseType.Modal,
          data: { custom_id: "m", title: "t".repeat(46), components: [{ type: 1, components: [input] }] },
        },
        auth: false,
      });
    });
    discord.slashCommand({ name: "modal" });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ code: 50035 });
    expect(discord.violations[0]?.errors).toEqual(["data.title: Must be 45 or fewer in length."]);
  });

  const input = { type: ComponentType.TextInput, custom_id: "answer", style: TextInputStyle.Paragraph };
  const label = (extra: object = {}) => ({
    type: ComponentType.Label,
    label: "Answer",
    component: input,
    ...extra,
  });
  it.each([
    [
      "a label over 45 characters",
      [label({ label: "l".repeat(46) })],
      "data.components[0].label: Must be 45 or fewer in length.",
    ],
    [
      "a label description over 100 characters",
      [label({ description: "d".repeat(101) })],
      "data.components[0].description: Must be 100 or fewer in length.",
    ],
    ["a label without text", [label({ label: "" })], "data.components[0].label: This field is required"],
    [
      "a label without a component",
      [label({ component: undefined })],
      "data.components[0].component: This field is required",
    ],
    [
      "a text input with a label of its own inside a Label",
      [label({ component: { ...input, label: "Answer" } })],
      "data.components[0].component.label: A text input inside a label cannot have a label of its own",
    ],
    [
      "a button inside a Label",
      [
        label({
          component: { type: ComponentType.Button, custom_id: "b", style: ButtonStyle.Primary, label: "B" },
        }),
      ],
      'data.components[0].component.type: Value of field "type" must be one of (3, 4, 5, 6, 7, 8, 19, 21, 22, 23,).',
    ],
    [
      "a disabled select inside a Label",
      [
        label({
          component: {
            type: ComponentType.StringSelect,
            custom_id: "level",
            disabled: true,
            options: [{ label: "Entry", value: "entry" }],
          },
        }),
      ],
      "data.components[0].component.disabled: Modals cannot have disabled components",
    ],
    [
      "a text input that is not in a Label or a row",
      [input],
      'data.components[0].type: Value of field "type" must be one of (1, 10, 18,).',
    ],
    [
      "a text input in a row without its label",
      [{ type: ComponentType.ActionRow, components: [input] }],
      "data.components[0].components[0].label: This field is required",
    ],
    [
      "six labels",
      Array.from({ length: 6 }, (_, i) => label({ component: { ...input, custom_id: `f${i}` } })),
      "data.components: Must be 5 or fewer in length.",
    ],
    [
      "two inputs with the same custom_id",
      [label(), label()],
      "data.components[1].component.custom_id: Component custom id cannot be duplicated",
    ],
  ])("refuses a modal with %s", async (_, components, error) => {
    const { discord, client, errors } = await connect(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      // Raw JSON, past discord.js's builders, as a bot built without them would send it.
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: InteractionResponseType.Modal, data: { custom_id: "m", title: "Answer", components } },
        auth: false,
      });
    });
    discord.slashCommand({ name: "modal" });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ code: 50035 });
    expect(discord.violations[0]?.errors).toEqual([error]);
  });

  it("accepts a modal of labels with descriptions, a text display and the older labelled row", async () => {
    const { discord, client, errors } = await connect(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const components = [
        { type: ComponentType.TextDisplay, content: "Answer in STAR form" },
        label({ label: "l".repeat(45), description: "d".repeat(100) }),
        { type: ComponentType.ActionRow, components: [{ ...input, custom_id: "old", label: "Old style" }] },
      ];
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: InteractionResponseType.Modal, data: { custom_id: "m", title: "Answer", components } },
        auth: false,
      });
    });
    const open = discord.slashCommand({ name: "modal" });
    expect((await open.modal()).components).toHaveLength(3);
    expect(errors).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it("reads multipart bodies as undici's FormData writes them", async () => {
    const form = new FormData();
    form.append("payload_json", JSON.stringify({ content: "line\r\none" }));
    const data = Buffer.from("a\r\n--not-the-boundary\r\n\r\n\u0000\u00ff");
    form.append("files[0]", new Blob([data], { type: "text/csv" }), 'q"3\nreport.csv');
    form.append("files[1]", new Blob([]), "empty.bin");
    const request = new Request("http://127.0.0.1/", { method: "POST", body: form });
    const parts = parseMultipart(
      Buffer.from(await request.arrayBuffer()),
      request.headers.get("content-type") ?? "",
    );
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["payload_json", undefined, undefined],
      ["files[0]", 'q"3\nreport.csv', "text/csv"],
      ["files[1]", "empty.bin", "application/octet-stream"],
    ]);
    expect(JSON.parse(parts[0]?.data.toString() ?? "")).toEqual({ content: "line\r\none" });
    expect(parts[1]?.data.equals(data)).toBe(true);
    expect(parts[2]?.data.length).toBe(0);
    expect(() => parseMultipart(Buffer.from("--x\r\n"), "multipart/form-data")).toThrow("boundary");
  });

  it("refuses an acknowledgement after the deadline with 10062 Unknown interaction", async () => {
    const { discord, errors } = await connect(
      async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await sleep(80);
        await interaction.reply("too late");
      },
      { ackDeadlineMs: 40 },
    );
    discord.slashCommand({ name: "slow" });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ code: 10062, message: "Unknown interaction" });
    expect(discord.violations[0]?.detail).toMatch(/^\/slow acknowledged after \d+ ms; Discord allows 40 ms$/);
  });

  it("records full request bodies: allowedMentions and multipart files", async () => {
    const { discord } = await connect(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({
        content: `Report for <@${interaction.user.id}>`,
        allowedMentions: { parse: [] },
        files: [{ attachment: Buffer.from("score,4\n"), name: "report.csv" }],
      });
    });
    const i = discord.slashCommand({ name: "report" });
    const response = await i.response();
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    expect(response.files).toMatchObject([{ name: "report.csv", key: "files[0]" }]);
    expect(response.files[0]?.data.toString()).toBe("score,4\n");
    expect((await i.reply()).attachments[0]).toMatchObject({ filename: "report.csv", size: 8 });
    const [request] = discord.requestsTo("POST", "/interactions/:interactionId/:token/callback");
    expect(request?.body).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });
  });

  it("posts channel messages and creates threads the client hears about", async () => {
    const { discord, client } = await connect(noop);
    const channel = await client.channels.fetch(discord.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected a text channel");
    const created = once(client, Events.ThreadCreate);
    const message = await channel.send("Group mock interview starts now");
    const thread = await message.startThread({ name: "Panel: Casey" });
    await created;
    await thread.send("Question 1");
    const privateThread = await channel.threads.create({ name: "Prep", type: ChannelType.PrivateThread });

    expect(discord.channelMessages().map((m) => m.content)).toEqual(["Group mock interview starts now"]);
    expect(discord.threads(channel.id).map((t) => [t.id, t.type])).toEqual([
      [message.id, ChannelType.PublicThread],
      [privateThread.id, ChannelType.PrivateThread],
    ]);
    expect(discord.channelMessages(thread.id).map((m) => m.content)).toEqual(["Question 1"]);
    expect(discord.violations).toEqual([]);
  });

  it("fails a wait quickly when the bot never answers, saying what the bot did", async () => {
    const { discord, client } = await connect(noop, { waitTimeoutMs: 200 });
    await client.rest.get("/nope").catch(() => undefined);
    await expect(discord.slashCommand({ name: "ignored" }).reply()).rejects.toThrow(
      /timed out after 200 ms waiting for the callback \(\/ignored, interaction \d+\)\n {2}unknown route: GET \/nope/,
    );
  });

  it("records unknown routes and refuses a wrong token", async () => {
    const { discord, client } = await connect(noop);
    await expect(client.rest.get("/nope/42")).rejects.toMatchObject({ status: 404 });
    expect(discord.unknownRoutes).toEqual([{ method: "GET", path: "/nope/42" }]);

    const stranger = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase } });
    await expect(stranger.login("not-the-token")).rejects.toThrow();
    await stranger.destroy();
  });
});

function row(buttons: number, prefix: string) {
  return {
    type: 1,
    components: Array.from({ length: buttons }, (_, i) => ({
      type: 2,
      style: ButtonStyle.Primary,
      label: `B${i}`,
      custom_id: buttons === 1 ? prefix : `${prefix}${i}`,
    })),
  };
}
