import {
  type ActionRowBuilder,
  type APIEmbed,
  AttachmentBuilder,
  type ButtonBuilder,
  DiscordAPIError,
  type Interaction,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from "discord.js";
import { StarCoachError } from "../core/errors.js";
import { AnswerKeptError, GradingFailedError } from "../sessions/errors.js";
import { COMMANDS } from "./commands/index.js";
import { typedText } from "./components/answer-modal.js";
import { button, row } from "./components/buttons.js";
import {
  chooseShare,
  closeRoundButton,
  openRoundAnswer,
  rateAnswer,
  showReview,
  submitRoundAnswer,
} from "./components/group-handlers.js";
import {
  confirmDelete,
  interviewStep,
  openInterviewModal,
  openPracticeModal,
  regrade,
  submitFreeGrade,
  submitInterviewAnswer,
  submitPracticeAnswer,
} from "./components/handlers.js";
import { submitPostingInterview } from "./components/posting-modal.js";
import {
  askDeleteStory,
  deleteStory,
  openStoryAnswer,
  openStoryEdit,
  practiseStory,
  submitStoryAdd,
  submitStoryEdit,
} from "./components/story-handlers.js";
import { showStrongAnswer } from "./components/strong-answer.js";
import type { BotContext } from "./context.js";
import { type Action, decodeAction } from "./custom-ids.js";
import { errorRef, UserError } from "./errors.js";
import { checkInbound, InboundLimitError } from "./inbound.js";
import { LIMITS } from "./limits.js";
import { RecentIds } from "./recent-ids.js";
import { COLORS } from "./render/text.js";
import { EPHEMERAL, NO_MENTIONS } from "./reply.js";
import {
  explainVoice,
  gradeVoiceAnswer,
  openTranscriptEdit,
  retryTranscription,
  submitTranscriptEdit,
} from "./voice/handlers.js";

const byName = new Map(COMMANDS.map((c) => [c.data.name, c]));
/** Each command's registered options, to hold what users send to their ranges and lengths. */
const optionsByName = new Map(COMMANDS.map((c) => [c.data.name, c.data.toJSON().options]));

/** Discord errors that only mean the interaction is gone (a restart, a replay): not worth an alarm. */
const HARMLESS = new Set<number>([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
]);

async function dispatch(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const command = byName.get(interaction.commandName);
    if (!command) throw new UserError("That command is not known to this version of the bot.");
    return command.execute(interaction, ctx);
  }
  if (interaction.isAutocomplete()) {
    return byName.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
  }
  if (!interaction.isButton() && !interaction.isModalSubmit() && !interaction.isStringSelectMenu()) return;
  const action = decodeAction(interaction.customId);
  if (!action)
    throw new UserError("This button is from an older version of the bot. Start again with a command.");
  if (interaction.isButton()) return onButton(interaction, ctx, action);
  if (interaction.isStringSelectMenu()) {
    if (action.kind !== "gr-rate") throw new UserError("That menu does not do anything here.");
    return rateAnswer(interaction, ctx, action);
  }
  return onModal(interaction, ctx, action);
}

function onButton(
  interaction: Parameters<typeof openInterviewModal>[0],
  ctx: BotContext,
  action: Action,
): Promise<void> {
  switch (action.kind) {
    case "iv-answer":
      return openInterviewModal(interaction, ctx, action);
    case "iv-next":
    case "iv-skip":
    case "iv-end":
    case "iv-resume":
      return interviewStep(interaction, ctx, action);
    case "pr-answer":
      return openPracticeModal(interaction, ctx, action);
    case "regrade":
      return regrade(interaction, ctx, action);
    case "model":
      return showStrongAnswer(interaction, ctx, action);
    case "mydata-delete":
      return confirmDelete(interaction, ctx, action);
    case "gr-answer":
      return openRoundAnswer(interaction, ctx, action);
    case "gr-share":
      return chooseShare(interaction, ctx, action);
    case "gr-review":
      return showReview(interaction, ctx, action);
    case "gr-close":
      return closeRoundButton(interaction, ctx, action);
    case "st-edit":
      return openStoryEdit(interaction, ctx, action);
    case "st-practise":
      return practiseStory(interaction, ctx, action);
    case "st-answer":
      return openStoryAnswer(interaction, ctx, action);
    case "st-delete-ask":
      return askDeleteStory(interaction, ctx, action);
    case "st-delete":
      return deleteStory(interaction, ctx, action);
    case "vc-grade":
      return gradeVoiceAnswer(interaction, ctx, action);
    case "vc-edit":
      return openTranscriptEdit(interaction, ctx, action);
    case "vc-retry":
      return retryTranscription(interaction, ctx, action);
    case "vc-how":
      return explainVoice(interaction, ctx, action);
    default:
      throw new UserError("That button does not do anything here.");
  }
}

function onModal(
  interaction: Parameters<typeof submitInterviewAnswer>[0],
  ctx: BotContext,
  action: Action,
): Promise<void> {
  switch (action.kind) {
    case "iv-submit":
      return submitInterviewAnswer(interaction, ctx, action);
    case "pr-submit":
      return submitPracticeAnswer(interaction, ctx, action);
    case "grade-submit":
      return submitFreeGrade(interaction, ctx);
    case "gr-submit":
      return submitRoundAnswer(interaction, ctx, action);
    case "iv-posting":
      return submitPostingInterview(interaction, ctx, action);
    case "st-add":
      return submitStoryAdd(interaction, ctx, action);
    case "st-edit-submit":
      return submitStoryEdit(interaction, ctx, action);
    case "vc-edit-submit":
      return submitTranscriptEdit(interaction, ctx, action);
    default:
      throw new UserError("That form does not do anything here.");
  }
}

interface Notice {
  embeds: APIEmbed[];
  components?: ActionRowBuilder<ButtonBuilder>[];
  content?: string;
  files?: AttachmentBuilder[];
}

async function tell(interaction: RepliableInteraction, notice: Notice): Promise<void> {
  const body = {
    embeds: notice.embeds,
    components: notice.components ?? [],
    ...(notice.content !== undefined ? { content: notice.content } : {}),
    ...(notice.files ? { files: notice.files } : {}),
    allowedMentions: NO_MENTIONS,
    flags: EPHEMERAL,
  } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(body);
  else await interaction.reply(body);
}

export const ANSWER_FILE = "your-answer.txt";

/**
 * What the user typed, handed back so a failure never loses it: in a code block when it fits in a
 * message (2,000 characters) and cannot break out of the block, else as a text file.
 */
export function giveBack(text: string): Pick<Notice, "content" | "files"> {
  const block = `\`\`\`\n${text}\n\`\`\``;
  if (!text.includes("```") && Array.from(block).length <= LIMITS.content) return { content: block };
  return { files: [new AttachmentBuilder(Buffer.from(text, "utf8"), { name: ANSWER_FILE })] };
}

/** The answer in a submitted form, when a failure may have lost it; null when it is safe or forged. */
function answerAtRisk(interaction: Interaction, err: unknown): string | null {
  if (!interaction.isModalSubmit()) return null;
  // Stored before grading failed: "Grade again" grades it. Beyond Discord's limits: never echoed.
  if (err instanceof GradingFailedError || err instanceof AnswerKeptError || err instanceof InboundLimitError)
    return null;
  try {
    const text = typedText(interaction);
    return text.trim().length > 0 ? text : null;
  } catch {
    return null;
  }
}

/**
 * The one error policy: an error with a `userMessage` is shown as it is; anything else is logged with a
 * reference the user also sees. A stored answer whose grading failed gets a "Grade again" button.
 */
async function fail(interaction: Interaction, ctx: BotContext, err: unknown): Promise<void> {
  if (err instanceof DiscordAPIError && HARMLESS.has(Number(err.code))) {
    ctx.log.warn({ interactionId: interaction.id, code: err.code }, "interaction already gone");
    return;
  }
  if (err instanceof InboundLimitError) {
    // A modified client, not a mistake: the log says which field and how large, never its value.
    ctx.log.warn(
      { interactionId: interaction.id, userId: interaction.user.id, ...err.detail },
      "input beyond Discord's limits refused",
    );
    if (interaction.isAutocomplete()) {
      await interaction.respond([]).catch(() => undefined);
      return;
    }
  }
  if (!interaction.isRepliable()) {
    ctx.log.error({ err, interactionId: interaction.id }, "autocomplete failed");
    return;
  }
  // What a user sees is the error's own decision (src/core/errors.ts), not a list kept here.
  const message = err instanceof StarCoachError ? err.userMessage : null;
  const typed = answerAtRisk(interaction, err);
  try {
    if (message !== null) {
      await tell(interaction, {
        embeds: [
          {
            description: typed ? `${message}\nHere is what you typed, so it is not lost.` : message,
            color: COLORS.mid,
          },
        ],
        ...(typed ? giveBack(typed) : {}),
      });
      return;
    }
    const ref = errorRef();
    ctx.log.error({ err, interactionId: interaction.id, ref }, "interaction failed");
    if (typed) {
      await tell(interaction, {
        embeds: [
          {
            description: `Something went wrong (ref ${ref}), and your answer may not have been saved. Here it is, so nothing you typed is lost: please try again.`,
            color: COLORS.low,
          },
        ],
        ...giveBack(typed),
      });
      return;
    }
    if (err instanceof GradingFailedError) {
      await tell(interaction, {
        embeds: [
          {
            description: `Grading failed (ref ${ref}). Your answer is saved: grade it again when you're ready.`,
            color: COLORS.low,
          },
        ],
        components: [row(button("Grade again", { kind: "regrade", attemptId: err.attemptId }))],
      });
      return;
    }
    if (err instanceof AnswerKeptError) {
      await tell(interaction, {
        embeds: [
          {
            description: `Your answer is saved, but the interview could not move on (ref ${ref}). Resume it later with \`/interview resume\`: your answer is graded by then.`,
            color: COLORS.low,
          },
        ],
      });
      return;
    }
    await tell(interaction, {
      embeds: [{ description: `Something went wrong (ref ${ref}). Please try again.`, color: COLORS.low }],
    });
  } catch (replyErr) {
    ctx.log.warn({ err: replyErr, interactionId: interaction.id }, "could not report an error to the user");
  }
}

/** How long a process remembers an interaction: a gateway RESUME replays what was missed within minutes. */
const REPLAY_MEMORY_MS = 10 * 60_000;
/** The interactions this process has seen, for every client in it. */
const seen = new RecentIds(REPLAY_MEMORY_MS);

/**
 * Handles each interaction exactly once, even when Discord delivers it twice, without making the
 * acknowledgement wait on the embedded store. The process remembers the interactions it has seen, which
 * turns a replay to the same process away at once. The embedded SQLite file belongs to one process, so
 * with it that memory sees every replay, and the durable record is written once the interaction has been
 * answered: a claim before the answer would wait in line behind every other interaction's queries on
 * SQLite's one connection, which under a burst is longer than Discord's 3 seconds. A PostgreSQL store
 * may be shared by other processes (shards, a second instance) that receive the same interaction at the
 * same moment: there only an atomic claim in the store decides between them, and it is taken before the
 * first response (a round trip on a pool of connections, not a place in one line).
 */
export async function route(interaction: Interaction, ctx: BotContext): Promise<void> {
  const replayed = () => ctx.log.debug({ interactionId: interaction.id }, "replayed interaction ignored");
  if (!seen.add(interaction.id)) return replayed();
  const shared = ctx.store.engine !== "sqlite";
  const claim = () => ctx.store.claimInteraction(interaction.id, ctx.now().toISOString());
  try {
    if (shared && !(await claim())) return replayed();
    checkInbound(interaction, (name) => optionsByName.get(name));
    await dispatch(interaction, ctx);
  } catch (err) {
    await fail(interaction, ctx, err);
  }
  if (shared) return;
  await claim().then(
    (first) => {
      if (!first)
        ctx.log.warn(
          { interactionId: interaction.id },
          "an interaction was also handled by another process on the same SQLite file",
        );
    },
    (err: unknown) =>
      ctx.log.warn({ err, interactionId: interaction.id }, "could not record a handled interaction"),
  );
}
