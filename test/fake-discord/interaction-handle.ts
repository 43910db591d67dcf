import {
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType as R,
} from "discord.js";
import type { CallbackRecord, EditRecord, InteractionRecord } from "./types.js";
import type { World } from "./world.js";

const MESSAGE_CALLBACKS: readonly R[] = [
  R.ChannelMessageWithSource,
  R.DeferredChannelMessageWithSource,
  R.DeferredMessageUpdate,
  R.UpdateMessage,
];

/** One dispatched interaction, and what the bot did with it. Every wait times out with a diagnosis. */
export class InteractionHandle {
  constructor(
    private readonly world: World,
    readonly record: InteractionRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get payload(): APIInteraction {
    return this.record.payload;
  }

  /** From dispatch to callback, once the bot has answered. */
  get latencyMs(): number | undefined {
    return this.record.callback?.latencyMs;
  }

  /** The initial response: `{ type, data, files, latencyMs }`. */
  response(): Promise<CallbackRecord> {
    return this.wait(() => this.record.callback, "the callback");
  }

  /**
   * The message the user ends up seeing: the reply itself, or — after a deferral — `@original` once the
   * bot has edited it (or sent the follow-up that replaces the "thinking..." state).
   */
  async reply(): Promise<APIMessage> {
    const callback = await this.response();
    if (!MESSAGE_CALLBACKS.includes(callback.type)) {
      throw new Error(
        `fake-discord: ${this.record.label} was answered with ${R[callback.type]}, not a message`,
      );
    }
    const deferred =
      callback.type === R.DeferredChannelMessageWithSource || callback.type === R.DeferredMessageUpdate;
    return this.wait(() => {
      if (deferred && this.originalEdits().length === 0) return undefined;
      return this.original();
    }, "the visible reply (after a deferral, an edit of @original)");
  }

  /** The modal the bot showed. */
  async modal(): Promise<APIModalInteractionResponseCallbackData> {
    const callback = await this.response();
    if (callback.type !== R.Modal) {
      throw new Error(
        `fake-discord: ${this.record.label} was answered with ${R[callback.type]}, not a modal`,
      );
    }
    return callback.data as APIModalInteractionResponseCallbackData;
  }

  /** The autocomplete choices the bot offered. */
  async choices(): Promise<APIApplicationCommandOptionChoice[]> {
    const callback = await this.response();
    if (callback.type !== R.ApplicationCommandAutocompleteResult) {
      throw new Error(
        `fake-discord: ${this.record.label} was answered with ${R[callback.type]}, not choices`,
      );
    }
    return callback.data.choices ?? [];
  }

  /** Edits of `@original`, in order, once there are at least `count`. */
  edits(count = 1): Promise<EditRecord[]> {
    return this.wait(() => {
      const edits = this.originalEdits();
      return edits.length >= count ? edits : undefined;
    }, `${count} edit(s) of @original`);
  }

  /** Follow-up messages as they are now, in order, once there are at least `count`. */
  followUps(count = 1): Promise<APIMessage[]> {
    return this.wait(() => {
      if (this.record.followUpIds.length < count) return undefined;
      return this.record.followUpIds
        .map((id) => this.world.messages.get(id)?.message)
        .filter((m) => m !== undefined);
    }, `${count} follow-up(s)`);
  }

  /** `@original` as it is now, if the bot has answered with a message. */
  original(): APIMessage | undefined {
    const id = this.record.originalMessageId;
    return id !== undefined ? this.world.liveMessage(id)?.message : undefined;
  }

  private originalEdits(): EditRecord[] {
    return this.record.edits.filter((e) => e.messageId === this.record.originalMessageId);
  }

  private wait<T>(check: () => T | undefined, what: string): Promise<T> {
    return this.world.waiters.waitFor(check, `${what} (${this.record.label}, interaction ${this.record.id})`);
  }
}
