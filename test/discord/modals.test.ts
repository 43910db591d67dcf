import {
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmitInteraction,
  Client,
  ComponentType,
  InteractionType,
  type ModalBuilder,
  ModalSubmitInteraction,
} from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { gradeModal } from "../../src/discord/commands/grade.js";
import { answerModal, answerText, typedText } from "../../src/discord/components/answer-modal.js";
import { postingModal } from "../../src/discord/components/posting-modal.js";
import { checkInbound, fieldWithin, InboundLimitError } from "../../src/discord/inbound.js";
import { Check } from "../fake-discord/check.js";
import { describeFieldError } from "../fake-discord/errors.js";
import { checkModal } from "../fake-discord/limits-components.js";
import { buildModalSubmission } from "../fake-discord/modal-submit.js";

const client = new Client({ intents: [] });
afterAll(() => client.destroy());

const submit = { kind: "iv-submit", sessionId: "s1", step: "answer", structured: false } as const;
const modals: Array<[string, ModalBuilder]> = [
  ["the answer modal", answerModal("Question 1 of 3", submit, false, "Tell me about a time...")],
  ["the S/T/A/R answer modal", answerModal("Question 1 of 3", submit, true, "Tell me about a time...")],
  ["the /grade modal", gradeModal()],
  [
    "the job posting modal",
    postingModal({ kind: "iv-posting", level: null, questions: 3, followUps: true, structured: false }),
  ],
];

/** What discord.js receives when a user submits `modal` with these values, in Discord's shape. */
function submitted(modal: ModalBuilder, fields: Record<string, string>): ModalSubmitInteraction {
  const data = modal.toJSON() as APIModalInteractionResponseCallbackData;
  const payload = {
    type: InteractionType.ModalSubmit,
    id: "1",
    application_id: "2",
    token: "t",
    version: 1,
    app_permissions: "0",
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 1024,
    user: { id: "3", username: "ana", discriminator: "0", avatar: null, global_name: null },
    data: { custom_id: data.custom_id, components: buildModalSubmission(data, fields) },
  } as unknown as APIModalSubmitInteraction;
  // discord.js builds interactions from gateway payloads itself; its typings keep the constructor private.
  const Interaction = ModalSubmitInteraction as unknown as new (
    client: Client,
    data: APIModalSubmitInteraction,
  ) => ModalSubmitInteraction;
  return new Interaction(client, payload);
}

describe("the bot's modals", () => {
  it.each(modals)("%s is made of Labels, as Discord wants modals now, within its limits", (_, modal) => {
    const data = modal.toJSON();
    const check = new Check();
    checkModal(check, data, ["data"]);
    expect(check.errors.map(describeFieldError)).toEqual([]);
    for (const component of data.components) {
      expect(component.type).toBe(ComponentType.Label);
      if (component.type !== ComponentType.Label) continue;
      expect(component.component.type).toBe(ComponentType.TextInput);
      expect(component.component).not.toHaveProperty("label");
    }
  });

  it("reads an answer from Label-wrapped inputs: one field, or the four S/T/A/R parts", () => {
    const [free, structured] = [modals[0]?.[1], modals[1]?.[1]];
    if (!free || !structured) throw new Error("missing modal");
    const one = submitted(free, { answer: "At our DC, dispatch was 84% on time." });
    expect(() => checkInbound(one, () => undefined)).not.toThrow();
    expect(answerText(one, false)).toBe("At our DC, dispatch was 84% on time.");
    expect(typedText(one)).toBe("At our DC, dispatch was 84% on time.");

    const parts = submitted(structured, { situation: "Late trucks.", action: "I moved the waves." });
    expect(answerText(parts, true)).toBe("S: Late trucks.\nA: I moved the waves.");
    expect(typedText(parts)).toBe("Situation: Late trucks.\n\nAction: I moved the waves.");
    expect(() => fieldWithin(parts, "situation", 5)).toThrow(InboundLimitError);
  });
});
