// The baseline for `npm run bench:discord`: the smallest discord.js bot that answers a slash command the
// way STAR Coach answers `/interview start` (a private embed with three buttons), and nothing else: no
// store, no content, discord.js's default options. MINIMAL_MODE=defer defers and then edits the reply,
// as bots that always defer do. Plain JavaScript, so that it starts as plainly as `node` can start it.
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
} from "discord.js";

const defer = process.env.MINIMAL_MODE === "defer";
const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  ...(process.env.DISCORD_API_BASE ? { rest: { api: process.env.DISCORD_API_BASE } } : {}),
});

const body = () => ({
  embeds: [
    {
      title: "Question 1 of 3 · Inventory accuracy",
      description:
        "Tell me about a time you improved inventory accuracy. What was the baseline, what did you change, and what was the result in numbers?",
      color: 0x5865f2,
    },
  ],
  components: [
    new ActionRowBuilder().addComponents(
      new ButtonBuilder().setCustomId(`a|${Date.now()}`).setLabel("Answer").setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setCustomId(`s|${Date.now()}`).setLabel("Skip").setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId(`e|${Date.now()}`).setLabel("End").setStyle(ButtonStyle.Danger),
    ),
  ],
});

client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  try {
    if (defer) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply(body());
    } else {
      await interaction.reply({ ...body(), flags: MessageFlags.Ephemeral });
    }
  } catch (err) {
    console.error(JSON.stringify({ msg: "reply failed", err: String(err) }));
  }
});
client.once(Events.ClientReady, () => console.log(JSON.stringify({ msg: "connected to Discord" })));
process.once("SIGTERM", () => {
  void client.destroy().finally(() => process.exit(0));
});
await client.login(process.env.DISCORD_TOKEN);
