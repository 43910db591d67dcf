import type { APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { inProcessEngine } from "../../src/core/grading/engine.js";
import { StoryService } from "../../src/sessions/story-service.js";
import {
  type FakeDiscord,
  type FakeUser,
  findButton,
  messageText,
  startFakeDiscord,
} from "../fake-discord/index.js";
import { type BotUnderTest, startTestBot } from "../helpers/bot.js";
import { content } from "../helpers/grade.js";
import { tempDataDir } from "../helpers/sessions.js";

/**
 * /story on the fake Discord with the real discord.js client: the story bank through slash commands,
 * autocomplete, forms and buttons, privately and within Discord's limits.
 */

const INVENTORY =
  "At our Columbus DC, cycle counts showed 91% location accuracy last spring and stores were getting short shipments. My goal was to reach 98% accuracy within six months without extra headcount. I ran a Pareto on adjustment records in SQL, moved the fast movers to weekly ABC counts and retrained receiving on unit-of-measure checks. As a result, inventory accuracy rose from 91% to 98.5% and short shipments fell by 70%, saving $90,000 a year.";
const SAFETY = {
  situation:
    "On the night shift at our Dayton plant, forklifts and pickers shared one aisle and we had three near misses in a month.",
  task: "As shift supervisor I had to cut the risk of an injury without slowing outbound loading.",
  action:
    "I stopped forklift traffic in the aisle during picking, ran a risk assessment with the team, painted a separate walkway and set up a near-miss reporting board that I reviewed every shift.",
  result:
    "Near misses fell from 3 a month to 0 over the next two quarters, recordable incidents stayed at zero, and loading time held at 42 minutes a trailer.",
};

let discord: FakeDiscord;
let bot: BotUnderTest | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await discord?.close();
});

const WEAK =
  "At our warehouse the stock counts were often wrong. I was asked to fix it. I retrained the team on the scanners and changed how we count.";

/** The bot's story bank, written to directly: for stories no Discord form can make. */
function service(): StoryService {
  if (!bot) throw new Error("no bot");
  return new StoryService({ store: bot.store, content, engine: inProcessEngine(content) });
}

async function start(): Promise<void> {
  discord = await startFakeDiscord();
  bot = await startTestBot(discord, tempDataDir());
}

/** `/story add` and its form, submitted: the reply. */
async function addStory(
  fields: Record<string, string>,
  options: { user?: FakeUser; structured?: boolean } = {},
): Promise<APIMessage> {
  const user = options.user ? { user: options.user } : {};
  const command = discord.slashCommand({
    ...user,
    name: "story",
    subcommand: "add",
    ...(options.structured ? { options: { structured: true } } : {}),
  });
  await command.modal();
  return discord.submitModal({ ...user, from: command, fields }).reply();
}

/** The id the autocomplete gives for a title typed into `story:`. */
async function storyId(title: string, user?: FakeUser): Promise<string> {
  const choices = await discord
    .autocomplete({
      ...(user ? { user } : {}),
      name: "story",
      subcommand: "show",
      options: { story: title },
      focused: "story",
    })
    .choices();
  const found = choices.find((c) => c.name === title);
  if (!found) throw new Error(`no story "${title}" in ${JSON.stringify(choices)}`);
  return String(found.value);
}

const show = (story: string, user?: FakeUser) =>
  discord
    .slashCommand({ ...(user ? { user } : {}), name: "story", subcommand: "show", options: { story } })
    .reply();

describe("/story", () => {
  it("adds a free and a structured story, lists, shows, and autocompletes them, privately", async () => {
    await start();
    const add = discord.slashCommand({ name: "story", subcommand: "add" });
    const form = await add.modal();
    expect(form.components).toHaveLength(2);
    const saved = await discord
      .submitModal({ from: add, fields: { title: "Cycle count accuracy", story: INVENTORY } })
      .reply();
    expect(saved.flags).toBe(64);
    const text = messageText(saved);
    expect(text).toContain("Saved: Cycle count accuracy");
    expect(text).toContain("Inventory");
    expect(text).toMatch(/Overall\n[●○]{5} \d\/5/);
    expect(text).toMatch(/Level\n(entry|mid|senior|executive)/);

    const structured = discord.slashCommand({
      name: "story",
      subcommand: "add",
      options: { structured: true },
    });
    expect((await structured.modal()).components).toHaveLength(5);
    const safety = await discord
      .submitModal({ from: structured, fields: { title: "Night shift aisle", ...SAFETY } })
      .reply();
    expect(messageText(safety)).toContain("Safety");

    const list = await discord.slashCommand({ name: "story", subcommand: "list" }).reply();
    expect(list.flags).toBe(64);
    expect(messageText(list)).toContain("Your story bank: 2 stories");
    expect(messageText(list)).toMatch(/1\. \*\*Cycle count accuracy\*\* `[0-9a-f]{8}` · \d\/5/);
    expect(messageText(list)).toContain("2. **Night shift aisle**");

    const choices = await discord
      .autocomplete({ name: "story", subcommand: "show", options: { story: "night" }, focused: "story" })
      .choices();
    expect(choices.map((c) => c.name)).toEqual(["Night shift aisle"]);
    const shown = await show(String(choices[0]?.value));
    expect(shown.flags).toBe(64);
    const body = messageText(shown);
    expect(body).toContain("Story: Night shift aisle");
    expect(body).toContain("forklifts and pickers shared one aisle");
    expect(body).toMatch(/Result [●○]{4} \d\/4/);
    for (const label of ["Edit", "Practise", "Delete"]) expect(findButton(shown, label)).toBeDefined();
    const editParts = discord.clickButton({ message: shown, label: "Edit" });
    const partsForm = await editParts.modal();
    expect(partsForm.components).toHaveLength(5);
    expect(JSON.stringify(partsForm)).toContain(SAFETY.result);
    const edited = await discord
      .submitModal({
        from: editParts,
        fields: { ...SAFETY, title: "Night shift aisle", result: `${SAFETY.result} Audits passed.` },
      })
      .reply();
    expect(messageText(edited)).toContain("Updated: Night shift aisle");
    // A title typed without picking from the list works too.
    expect(messageText(await show("cycle count accuracy"))).toContain("Story: Cycle count accuracy");
    expect(discord.violations).toEqual([]);
    expect(discord.unknownRoutes).toEqual([]);
  });

  it("edits competencies (refusing an unknown id) and the text, through a prefilled form", async () => {
    await start();
    await addStory({ title: "Cycle count accuracy", story: INVENTORY });
    const id = await storyId("Cycle count accuracy");
    const bad = await discord
      .slashCommand({
        name: "story",
        subcommand: "edit",
        options: { story: id, competencies: "inventory, juggling" },
      })
      .reply();
    expect(messageText(bad)).toContain("Unknown competency juggling: use");
    const fixed = await discord
      .slashCommand({
        name: "story",
        subcommand: "edit",
        options: { story: id, competencies: "inventory, Process-Improvement" },
      })
      .reply();
    expect(messageText(fixed)).toContain("Competencies updated: Cycle count accuracy");
    expect(messageText(fixed)).toMatch(/Competencies\n.*Inventory.*, .*[Pp]rocess improvement/);

    const edit = discord.slashCommand({ name: "story", subcommand: "edit", options: { story: id } });
    const form = JSON.stringify(await edit.modal());
    expect(form).toContain('"value":"Cycle count accuracy"');
    expect(form).toContain("cycle counts showed 91% location accuracy");
    const longer = `${INVENTORY} It has held for two quarters.`;
    const updated = await discord
      .submitModal({ from: edit, fields: { title: "Cycle counts at Columbus", story: longer } })
      .reply();
    expect(messageText(updated)).toContain("Updated: Cycle counts at Columbus");
    // The corrected competencies are kept when the text changes.
    expect(messageText(updated)).toMatch(/[Pp]rocess improvement/);
    expect(messageText(await show(id))).toContain("It has held for two quarters.");

    // The Edit button on /story show opens the same form.
    const button = discord.clickButton({ message: await show(id), label: "Edit" });
    expect(JSON.stringify(await button.modal())).toContain('"value":"Cycle counts at Columbus"');
    expect(discord.violations).toEqual([]);
  });

  it("deletes a story after a confirmation, from the command and from the Delete button", async () => {
    await start();
    await addStory({ title: "Cycle count accuracy", story: INVENTORY });
    await addStory({ title: "Night shift aisle", ...SAFETY }, { structured: true });
    const confirm = await discord
      .slashCommand({
        name: "story",
        subcommand: "delete",
        options: { story: await storyId("Cycle count accuracy") },
      })
      .reply();
    expect(messageText(confirm)).toContain("Delete the story “Cycle count accuracy”? This cannot be undone.");
    const done = await discord.clickButton({ message: confirm, label: "Delete story" }).reply();
    expect(messageText(done)).toContain("Deleted the story “Cycle count accuracy”.");

    const shown = await show(await storyId("Night shift aisle"));
    const ask = await discord.clickButton({ message: shown, label: "Delete" }).reply();
    await discord.clickButton({ message: ask, label: "Delete story" }).reply();
    const list = await discord.slashCommand({ name: "story", subcommand: "list" }).reply();
    expect(messageText(list)).toContain("No stories yet");
    expect(discord.violations).toEqual([]);
  });

  it("shows coverage at a level: covered competencies with titles, the gaps, the weakest story, advice", async () => {
    await start();
    await addStory({ title: "Cycle count accuracy", story: INVENTORY });
    await addStory({ title: "Stock counts", story: WEAK });
    const coverage = await discord
      .slashCommand({ name: "story", subcommand: "coverage", options: { level: "mid" } })
      .reply();
    expect(coverage.flags).toBe(64);
    const text = messageText(coverage);
    expect(text).toContain("Story coverage at mid level");
    expect(text).toMatch(/✓ \*\*Inventory[^*]*\*\*: Cycle count accuracy/);
    expect(text).toMatch(/— \*\*Safety/);
    expect(text).toMatch(/Gaps\nNo story yet for .*safety/);
    expect(text).toMatch(/Weakest story\nStock counts: [1-4]\/5/);
    expect(text).toContain("You have 2 stories; aim for 8–12");
    expect(text).not.toContain("No story for");

    const user = discord.createUser({ username: "collector" });
    for (let i = 0; i < 16; i++) await service().add(user.id, { title: `Story ${i + 1}`, text: INVENTORY });
    const many = await discord
      .slashCommand({ user, name: "story", subcommand: "coverage", options: { level: "entry" } })
      .reply();
    expect(messageText(many)).toContain("You keep 16 stories: more than 15 is more than you can rehearse.");
    const choices = await discord
      .autocomplete({
        user,
        name: "story",
        subcommand: "show",
        options: { story: "story" },
        focused: "story",
      })
      .choices();
    expect(choices).toHaveLength(16);
    expect(discord.violations).toEqual([]);
  });

  it("practises a story: a question, what it lacks, and the answer form prefilled with the story", async () => {
    await start();
    await addStory({ title: "Cycle count accuracy", story: INVENTORY });
    const shown = await show(await storyId("Cycle count accuracy"));
    const practise = await discord.clickButton({ message: shown, label: "Practise" }).reply();
    const text = messageText(practise);
    expect(text).toContain("Practise “Cycle count accuracy”");
    expect(text).toContain("What this question needs that your story does not have yet:");
    expect(text).toMatch(/Inventory/);
    const answer = discord.clickButton({ message: practise, label: "Answer" });
    const form = await answer.modal();
    expect(form.custom_id).toMatch(/^pr-submit\|inv-/);
    expect(JSON.stringify(form)).toContain(JSON.stringify(INVENTORY).slice(1, -1));
    const feedback = await discord
      .submitModal({ from: answer, fields: { answer: `${INVENTORY} It held for two quarters.` } })
      .reply();
    expect(messageText(feedback)).toMatch(/Feedback: \d\/5/);
    expect(findButton(feedback, "Revise")).toBeDefined();
    expect(discord.violations).toEqual([]);
  });

  it("keeps two members' banks apart, at the same time", async () => {
    await start();
    const ana = discord.createUser({ username: "ana" });
    const ben = discord.createUser({ username: "ben" });
    await Promise.all([
      addStory({ title: "Ana's counts", story: INVENTORY }, { user: ana }),
      addStory({ title: "Ben's aisle", ...SAFETY }, { user: ben, structured: true }),
    ]);
    const [anaList, benList] = await Promise.all([
      discord.slashCommand({ user: ana, name: "story", subcommand: "list" }).reply(),
      discord.slashCommand({ user: ben, name: "story", subcommand: "list" }).reply(),
    ]);
    expect(messageText(anaList)).toContain("Ana's counts");
    expect(messageText(anaList)).not.toContain("Ben's aisle");
    expect(messageText(benList)).toContain("Ben's aisle");
    expect(messageText(benList)).not.toContain("Ana's counts");
    const benChoices = await discord
      .autocomplete({
        user: ben,
        name: "story",
        subcommand: "show",
        options: { story: "" },
        focused: "story",
      })
      .choices();
    expect(benChoices.map((c) => c.name)).toEqual(["Ben's aisle"]);
    expect(discord.violations).toEqual([]);
  });
});

describe("/story limits and forged input", () => {
  it("says plainly that an empty story cannot be saved, and gives the typed title back", async () => {
    await start();
    const reply = await addStory({ title: "Nothing yet", story: "   " });
    expect(messageText(reply)).toContain(
      "The story is empty: write what happened, what you did and what changed.",
    );
    const structured = await addStory({ title: "Nothing yet", action: " " }, { structured: true });
    expect(messageText(structured)).toContain("The story is empty");
    expect(discord.violations).toEqual([]);
  });

  it("refuses a forged 20,000-character story before saving anything", async () => {
    await start();
    const forged = await discord
      .submitModal({
        customId: "st-add|0",
        fields: { title: "Huge", story: "At our DC we cut lead time. ".repeat(715) },
        forge: true,
      })
      .reply();
    expect(messageText(forged)).toContain(
      "That text is longer than Discord allows (4,000 characters a field)",
    );
    expect(messageText(forged)).not.toContain("lead time");
    const list = await discord.slashCommand({ name: "story", subcommand: "list" }).reply();
    expect(messageText(list)).toContain("No stories yet");
  });

  it("keeps autocomplete to 25 choices and a long bank's list within an embed's limits", async () => {
    await start();
    const user = discord.createUser({ username: "hoarder" });
    for (let i = 0; i < 40; i++)
      await service().add(user.id, {
        title: `${String(i).padStart(2, "0")} ${"W".repeat(97)}`,
        text: INVENTORY,
      });
    const choices = await discord
      .autocomplete({ user, name: "story", subcommand: "show", options: { story: "" }, focused: "story" })
      .choices();
    expect(choices).toHaveLength(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    const list = await discord.slashCommand({ user, name: "story", subcommand: "list" }).reply();
    expect(messageText(list)).toContain("Your story bank: 40 stories");
    expect(messageText(list)).toMatch(/…and \d+ more stories\./);
    const coverage = await discord.slashCommand({ user, name: "story", subcommand: "coverage" }).reply();
    expect(messageText(coverage)).toContain("You keep 40 stories");
    expect(discord.violations).toEqual([]);
  });

  it("says a story too long for a form is edited in the terminal, and practises it from an empty form", async () => {
    await start();
    const user = discord.createUser({ username: "novelist" });
    const long = `${INVENTORY}\n\n`.repeat(12).slice(0, 5_000).trim();
    const size = long.length.toLocaleString("en-US");
    const story = await service().add(user.id, { title: "The long one", text: long });
    const edit = await discord
      .slashCommand({ user, name: "story", subcommand: "edit", options: { story: story.id } })
      .reply();
    expect(messageText(edit)).toContain(
      `This story has ${size} characters, more than a Discord form holds (4,000)`,
    );
    const shown = await show(story.id, user);
    expect(messageText(shown)).toContain(`shortened here: the story has ${size} characters`);
    const practise = await discord.clickButton({ user, message: shown, label: "Practise" }).reply();
    expect(messageText(practise)).toContain("so the form starts empty");
    const form = await discord.clickButton({ user, message: practise, label: "Answer" }).modal();
    expect(JSON.stringify(form)).not.toContain('"value"');
    expect(discord.violations).toEqual([]);
  });

  it("refuses another member's story id, from an option, a button or a form", async () => {
    await start();
    const owner = discord.createUser({ username: "owner" });
    const intruder = discord.createUser({ username: "intruder" });
    await addStory({ title: "Owner's story", story: INVENTORY }, { user: owner });
    const id = await storyId("Owner's story", owner);
    const NOT_YOURS = "That story is not yours, or it was deleted.";

    expect(messageText(await show(id, intruder))).toContain(NOT_YOURS);
    const own = await discord.slashCommand({ user: intruder, name: "story", subcommand: "list" }).reply();
    for (const kind of ["st-delete", "st-edit", "st-practise", "st-delete-ask", "st-answer"]) {
      const customId = kind === "st-answer" ? `${kind}|${id}|inv-cycle-count-gap` : `${kind}|${id}`;
      const click = discord.clickButton({ user: intruder, message: own, customId, forge: true });
      expect(messageText(await click.reply()), kind).toContain(NOT_YOURS);
    }
    const edit = await discord
      .submitModal({
        user: intruder,
        customId: `st-edit-submit|${id}|0`,
        fields: { title: "Mine now", story: "I took it." },
        forge: true,
      })
      .reply();
    expect(messageText(edit)).toContain(NOT_YOURS);
    const still = await show(id, owner);
    expect(messageText(still)).toContain("Story: Owner's story");
    expect(messageText(still)).toContain("cycle counts showed 91%");
    expect(discord.violations).toEqual([]);
  });
});
