import { MessageFlags } from "discord.js";

/** No message the bot sends may ping anyone, whatever a user typed into it. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

export const EPHEMERAL = MessageFlags.Ephemeral;
