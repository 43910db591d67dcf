import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from "discord.js";
import { type Action, encodeAction } from "../custom-ids.js";

export function button(
  label: string,
  action: Action,
  style: ButtonStyle = ButtonStyle.Secondary,
): ButtonBuilder {
  return new ButtonBuilder().setLabel(label).setStyle(style).setCustomId(encodeAction(action));
}

export function row(...buttons: ButtonBuilder[]): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(...buttons);
}

/**
 * "Answer by voice": explains privately how (a DM with the bot, or `/grade audio:` for a practice
 * question) and leaves the question where it is.
 */
export function voiceButton(questionId: string | null = null): ButtonBuilder {
  return button("Answer by voice", { kind: "vc-how", questionId });
}

/** Offered only where voice answers are set up: elsewhere the button could only say they are not. */
const voiceIf = (voice: boolean, questionId: string | null = null) =>
  voice ? [voiceButton(questionId)] : [];

export function questionButtons(
  sessionId: string,
  structured: boolean,
  voice = false,
): ActionRowBuilder<ButtonBuilder> {
  return row(
    button("Answer", { kind: "iv-answer", sessionId, step: "answer", structured }, ButtonStyle.Primary),
    ...voiceIf(voice),
    button("Skip", { kind: "iv-skip", sessionId }),
    button("End", { kind: "iv-end", sessionId }, ButtonStyle.Danger),
  );
}

export function feedbackButtons(
  sessionId: string,
  options: {
    followUp: boolean;
    last: boolean;
    structured: boolean;
    attemptId?: string | undefined;
    voice?: boolean;
  },
): ActionRowBuilder<ButtonBuilder> {
  const strong = options.attemptId
    ? [button("See a strong answer", { kind: "model", attemptId: options.attemptId })]
    : [];
  const next = button(
    options.last ? "Finish" : "Next",
    { kind: "iv-next", sessionId },
    options.followUp ? ButtonStyle.Secondary : ButtonStyle.Primary,
  );
  if (options.followUp) {
    return row(
      button(
        "Answer follow-up",
        { kind: "iv-answer", sessionId, step: "follow_up", structured: false },
        ButtonStyle.Primary,
      ),
      ...voiceIf(options.voice ?? false),
      next,
      ...strong,
      button("End", { kind: "iv-end", sessionId }, ButtonStyle.Danger),
    );
  }
  return row(
    button("Revise", { kind: "iv-answer", sessionId, step: "retry", structured: options.structured }),
    ...voiceIf(options.voice ?? false),
    next,
    ...strong,
    button("End", { kind: "iv-end", sessionId }, ButtonStyle.Danger),
  );
}
