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

export function questionButtons(sessionId: string, structured: boolean): ActionRowBuilder<ButtonBuilder> {
  return row(
    button("Answer", { kind: "iv-answer", sessionId, step: "answer", structured }, ButtonStyle.Primary),
    button("Skip", { kind: "iv-skip", sessionId }),
    button("End", { kind: "iv-end", sessionId }, ButtonStyle.Danger),
  );
}

export function feedbackButtons(
  sessionId: string,
  options: { followUp: boolean; last: boolean; structured: boolean; attemptId?: string | undefined },
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
      next,
      ...strong,
      button("End", { kind: "iv-end", sessionId }, ButtonStyle.Danger),
    );
  }
  return row(
    button("Revise", { kind: "iv-answer", sessionId, step: "retry", structured: options.structured }),
    next,
    ...strong,
    button("End", { kind: "iv-end", sessionId }, ButtonStyle.Danger),
  );
}
