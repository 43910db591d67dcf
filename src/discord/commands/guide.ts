import { SlashCommandBuilder } from "discord.js";
import type { BotContext } from "../context.js";
import { fitEmbed } from "../limits.js";
import { COLORS } from "../render/text.js";
import { EPHEMERAL, NO_MENTIONS } from "../reply.js";
import type { SlashCommand } from "./command.js";

const STAR_GUIDE = [
  "**Situation**: where and when, and what was wrong. *Our Memphis DC was missing the 6 pm carrier cutoff on 16% of orders during peak.*",
  "**Task**: what you had to achieve, with a target. *As the outbound analyst, I had to get on-time dispatch above 97% in eight weeks, with no new hires.*",
  "**Action**: what *you* did, step by step, and why. *I pulled six weeks of scan data, mapped where orders waited, moved wave releases from every two hours to every 30 minutes, and piloted it on one shift first.*",
  "**Result**: what changed, in numbers, and what it meant. *On-time dispatch rose from 84% to 98%, overtime fell 25%, and we avoided $60k a year in penalties.*",
  "",
  'Interviewers for operations roles listen for the numbers: a **baseline**, an **after value**, the **method** (Lean, VSM, 5S, DMAIC, root cause, ERP/MRP…) and the **business effect** on lead time, throughput, cost or quality. Say "I", not only "we".',
].join("\n");

export const starCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("star")
    .setDescription("How to answer with STAR, with a short operations example"),
  async execute(interaction) {
    await interaction.reply({
      embeds: [fitEmbed({ title: "The STAR method", description: STAR_GUIDE, color: COLORS.neutral })],
      flags: EPHEMERAL,
      allowedMentions: NO_MENTIONS,
    });
  },
};

export const rubricCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName("rubric")
    .setDescription("The rubric's anchors: what a 0 to 4 looks like for each criterion")
    .addStringOption((o) =>
      o
        .setName("criterion")
        .setDescription("One criterion in detail")
        .addChoices(
          { name: "Situation", value: "situation" },
          { name: "Task", value: "task" },
          { name: "Action", value: "action" },
          { name: "Result", value: "result" },
          { name: "Data evidence", value: "data_evidence" },
          { name: "Ownership", value: "ownership" },
        ),
    ),
  async execute(interaction, ctx: BotContext) {
    const chosen = interaction.options.getString("criterion");
    const rubric = ctx.content.rubric;
    const criteria = chosen ? rubric.criteria.filter((c) => c.id === chosen) : rubric.criteria;
    const fields = criteria.flatMap((c) =>
      chosen
        ? c.anchors.map((a) => ({
            name: `${c.name} ${a.score}: ${a.label}`,
            value: `${a.description}\n*e.g. ${a.example}*`,
          }))
        : [
            {
              name: `${c.name} (weight ${Math.round(c.weight * 100)}%)`,
              value: `${c.asks}\n${c.anchors.map((a) => `**${a.score}** ${a.label}`).join(" · ")}`,
            },
          ],
    );
    await interaction.reply({
      embeds: [
        fitEmbed({
          title: chosen ? `Rubric: ${criteria[0]?.name ?? chosen}` : rubric.name,
          description: rubric.description,
          color: COLORS.neutral,
          fields,
        }),
      ],
      flags: EPHEMERAL,
      allowedMentions: NO_MENTIONS,
    });
  },
};
