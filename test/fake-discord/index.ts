export { allComponents, type ButtonSummary, buttons, findButton, messageText } from "./components.js";
export type { IdentifyRecord, ResumeRecord } from "./gateway.js";
export type { FakeDiscord, GuildInfo } from "./harness.js";
export type { InteractionHandle } from "./interaction-handle.js";
export { LIMITS } from "./limits-message.js";
export type { Origin, UserRef } from "./origin.js";
export { startFakeDiscord } from "./server.js";
export type {
  AutocompleteInput,
  ClickInput,
  ModalSubmitInput,
  SelectInput,
  SlashCommandInput,
} from "./simulate.js";
export type * from "./types.js";
export type {
  UploadedAttachment,
  UserAttachmentInput,
  UserMessageInput,
  VoiceMessageInput,
} from "./user-messages.js";
