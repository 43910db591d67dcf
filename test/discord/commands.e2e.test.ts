import { PermissionFlagsBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, messageText, startFakeDiscord } from "../fake-discord/index.js";
import { type BotUnderTest, botEnv, startTestBot } from "../helpers/bot.js";
import { runInProcess } from "../helpers/in-process-cli.js";
import { captureLog } from "../helpers/log-capture.js";
import { offlineGrade, tempDataDir } from "../helpers/sessions.js";

const STRONG =
  "At our Columbus DC, cycle counts showed 91% location accuracy last spring. My goal was 98% within six months. I ran a Pareto on adjustment records in SQL and moved fast movers to weekly ABC counts. As a result, accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

describe("Discord commands end to end", () => {
  it("handles an interaction delivered twice only once", async () => {
    discord = await startFakeDiscord();
    const logs = captureLog();
    bot = await startTestBot(discord, tempDataDir(), { log: logs.log });
    const first = discord.slashCommand({ name: "interview", subcommand: "start", options: { questions: 1 } });
    await first.reply();
    discord.dispatch("INTERACTION_CREATE" as never, first.payload);
    await logs.waitFor(
      (l) => l.msg === "replayed interaction ignored" && l.interactionId === first.payload.id,
      "the second delivery to be ignored",
    );
    const callbacks = discord.requests.filter((r) => r.path.includes(`/interactions/${first.payload.id}/`));
    expect(callbacks).toHaveLength(1);
    expect(discord.violations).toEqual([]);
  });

  it("asks a user who grades too quickly to wait, before anything is typed", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir(), { env: { GRADE_COOLDOWN_SECONDS: "60" } });
    const q = await discord.slashCommand({ name: "practice" }).reply();
    const click = discord.clickButton({ message: q, label: "Answer" });
    await click.modal();
    await discord.submitModal({ from: click, fields: { answer: STRONG } }).reply();
    const again = await discord.clickButton({ message: q, label: "Answer" }).reply();
    expect(messageText(again)).toMatch(/You're grading quickly: try again in \d+ s\./);
  });

  it("shows an error reference when grading fails, and grades the saved answer again with a button", async () => {
    discord = await startFakeDiscord();
    let failures = 1;
    bot = await startTestBot(discord, tempDataDir(), {
      grade: async (input, who) => {
        if (failures-- > 0) throw new Error("grader exploded");
        return offlineGrade(input, who);
      },
    });
    const q = await discord.slashCommand({ name: "practice" }).reply();
    const click = discord.clickButton({ message: q, label: "Answer" });
    await click.modal();
    const failure = await discord.submitModal({ from: click, fields: { answer: STRONG } }).reply();
    expect(messageText(failure)).toMatch(/Grading failed \(ref [0-9A-F]{8}\)\. Your answer is saved/);
    const regraded = await discord.clickButton({ message: failure, label: "Grade again" }).reply();
    expect(messageText(regraded)).toMatch(/Feedback: \d\/5/);
  });

  it("suggests competencies as the user types a focus", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const choices = await discord
      .autocomplete({ name: "practice", options: { focus: "inv" }, focused: "focus" })
      .choices();
    expect(choices[0]?.value).toBe("inventory");
    expect(choices.every((c) => /inv/i.test(`${c.value} ${c.name}`))).toBe(true);
  });

  it("grades any answer with /grade, shows /progress, /star and /rubric", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const open = discord.slashCommand({ name: "grade" });
    await open.modal();
    const graded = await discord
      .submitModal({
        from: open,
        fields: { question: "Tell me about a time you improved inventory accuracy.", answer: STRONG },
      })
      .reply();
    expect(messageText(graded)).toMatch(/Feedback: [45]\/5/);
    const progress = await discord.slashCommand({ name: "progress" }).reply();
    expect(messageText(progress)).toContain("1 graded answer in 0 interviews.");
    expect(progress.attachments?.map((a) => a.filename)).toEqual(["progress.png"]);
    expect(messageText(await discord.slashCommand({ name: "star" }).reply())).toContain("Situation");
    expect(
      messageText(await discord.slashCommand({ name: "rubric", options: { criterion: "result" } }).reply()),
    ).toContain("Result 4");
    expect(discord.violations).toEqual([]);
  });

  it("exports a user's data as a JSON file and deletes it after a confirmation", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const q = await discord.slashCommand({ name: "practice" }).reply();
    const click = discord.clickButton({ message: q, label: "Answer" });
    await click.modal();
    await discord.submitModal({ from: click, fields: { answer: STRONG } }).reply();
    const exported = discord.slashCommand({ name: "mydata", subcommand: "export" });
    await exported.reply();
    const upload = discord.requests.flatMap((r) => r.files).find((f) => f.name === "star-coach-data.json");
    expect(JSON.parse(upload?.data.toString() ?? "{}").attempts[0].answerText).toBe(STRONG);
    const confirm = await discord.slashCommand({ name: "mydata", subcommand: "delete" }).reply();
    const done = await discord.clickButton({ message: confirm, label: "Delete everything" }).reply();
    expect(messageText(done)).toContain("Deleted 1 answer and");
  });

  it("registers the commands and prints the invite URL", async () => {
    discord = await startFakeDiscord();
    const guild = discord.guilds[0]?.id ?? "";
    const run = await runInProcess(["register", "--guild", guild], { env: botEnv(discord, tempDataDir()) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Registered 12 commands in server ${guild}.`);
    expect(run.stdout).toMatch(
      /https:\/\/discord\.com\/oauth2\/authorize\?client_id=\d+&scope=bot\+applications\.commands&permissions=\d+/,
    );
    expect(
      discord
        .registeredCommands(guild)
        .map((c) => c.name)
        .sort(),
    ).toEqual([
      "daily",
      "grade",
      "group",
      "interview",
      "leaderboard",
      "mydata",
      "practice",
      "progress",
      "rubric",
      "settings",
      "star",
      "story",
    ]);
    // Server-only commands say so in their contexts (0: guild), not with the deprecated dm_permission.
    const guildOnly = discord
      .registeredCommands(guild)
      .filter((c) => ["daily", "group", "leaderboard"].includes(c.name));
    for (const c of guildOnly) {
      expect(c.contexts, c.name).toEqual([0]);
      expect(c, c.name).not.toHaveProperty("dm_permission", false);
    }
  });
});

describe("settings", () => {
  it("refuses server settings to a member without Manage Server, checked at run time", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const member = discord.createUser({ username: "member" });
    const refused = await discord
      .slashCommand({ user: member, name: "settings", subcommand: "server", options: { llm: false } })
      .reply();
    expect(messageText(refused)).toContain("You need the Manage Server permission");
    const guildId = discord.guilds[0]?.id ?? "";
    expect((await bot.store.getGuildSettings(guildId)).llmGrading).toBe(true);
    const admin = discord.createUser({ username: "admin", permissions: PermissionFlagsBits.ManageGuild });
    const saved = await discord
      .slashCommand({
        user: admin,
        name: "settings",
        subcommand: "server",
        options: { llm: false, level: "senior" },
      })
      .reply();
    expect(messageText(saved)).toContain("LLM grading: **off**");
    expect(await bot.store.getGuildSettings(guildId)).toMatchObject({
      llmGrading: false,
      defaultLevel: "senior",
    });
  });

  it("lets a user opt in to being public", async () => {
    discord = await startFakeDiscord();
    bot = await startTestBot(discord, tempDataDir());
    const user = discord.createUser({ username: "opt-in" });
    const reply = await discord
      .slashCommand({ user, name: "settings", subcommand: "me", options: { public: true } })
      .reply();
    expect(messageText(reply)).toContain("Public: **yes**");
    expect((await bot.store.getUser(user.id))?.settings.public).toBe(true);
  });
});
