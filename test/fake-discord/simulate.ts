import {
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentInteractionData,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmission,
  ComponentType,
  InteractionResponseType,
  InteractionType,
} from "discord.js";
import { buildOptions, type CommandInvocation, findCommand } from "./command-options.js";
import { findButton, findSelect, isClickable } from "./components.js";
import type { Gateway } from "./gateway.js";
import { snowflake } from "./ids.js";
import { InteractionHandle } from "./interaction-handle.js";
import {
  autocompletePayload,
  chatInputPayload,
  componentPayload,
  modalSubmitPayload,
} from "./interaction-payloads.js";
import { asString } from "./json.js";
import { buildModalSubmission, type ModalFieldValue } from "./modal-submit.js";
import { Locator, type Origin, type UserRef } from "./origin.js";
import type { FakeUser } from "./types.js";
import type { World } from "./world.js";

export interface SlashCommandInput extends Origin, CommandInvocation {}

export interface AutocompleteInput extends Origin, CommandInvocation {
  focused: string;
}

export interface ClickInput {
  user?: UserRef;
  /** The message (as returned by `reply()`, `followUps()`...) or its id. Its current version is used. */
  message: APIMessage | string;
  customId?: string;
  label?: string;
  /**
   * A modified client: send `customId` as if it were a button on `message`, whether or not the message
   * has one. For testing what the bot does with ids it never made or never showed to this user.
   */
  forge?: boolean;
}

export interface SelectInput {
  user?: UserRef;
  message: APIMessage | string;
  customId: string;
  values: string[];
  /** A modified client: send `customId` and `values` unchecked against the message. */
  forge?: boolean;
}

export interface ModalSubmitInput extends Pick<Origin, "guildId" | "channelId"> {
  user?: UserRef;
  /** The interaction the modal was shown for; or give `customId` to use the latest modal with that id. */
  from?: InteractionHandle;
  customId?: string;
  /**
   * Values by custom_id: text for a text input or a radio group, a string array for a select menu, file
   * upload or checkbox group, a boolean for a checkbox.
   */
  fields: Readonly<Record<string, ModalFieldValue>>;
  /**
   * A modified client: send `customId` with exactly these fields, unchecked against any modal (lengths,
   * names, required), from `guildId`/`channelId` (default: the first guild's first channel).
   */
  forge?: boolean;
}

/** Turns what a user does in the Discord client into INTERACTION_CREATE events. */
export class Simulator {
  private readonly locate: Locator;

  constructor(
    private readonly world: World,
    private readonly gateway: Gateway,
    defaultUser: () => FakeUser,
  ) {
    this.locate = new Locator(world, defaultUser);
  }

  slashCommand(input: SlashCommandInput): InteractionHandle {
    const where = this.locate.where(input);
    const command = findCommand(this.world, where.guild?.id, input.name);
    const { options, resolved } = buildOptions(this.world, command, input);
    const label = [`/${input.name}`, input.subcommandGroup, input.subcommand].filter(Boolean).join(" ");
    const data = {
      commandId: command?.id ?? snowflake(),
      call: input,
      guildScoped: command?.guild_id,
      options,
      resolved,
    };
    return this.dispatch(chatInputPayload(this.world, where, data), label, where.user);
  }

  autocomplete(input: AutocompleteInput): InteractionHandle {
    const where = this.locate.where(input);
    const command = findCommand(this.world, where.guild?.id, input.name);
    const { options } = buildOptions(this.world, command, input, input.focused);
    const label = `autocomplete /${[input.name, input.subcommandGroup, input.subcommand].filter(Boolean).join(" ")} (${input.focused})`;
    const data = {
      commandId: command?.id ?? snowflake(),
      call: input,
      guildScoped: command?.guild_id,
      options,
      resolved: undefined,
    };
    return this.dispatch(autocompletePayload(this.world, where, data), label, where.user);
  }

  clickButton(input: ClickInput): InteractionHandle {
    const { message, where } = this.locate.onMessage(input.message, input.user);
    const query =
      input.customId !== undefined
        ? { customId: input.customId }
        : input.label !== undefined
          ? { label: input.label }
          : undefined;
    if (!query) throw new Error("fake-discord: clickButton needs a customId or a label");
    if (input.forge) {
      if (input.customId === undefined) throw new Error("fake-discord: a forged click needs a customId");
      const data: APIMessageComponentInteractionData = {
        custom_id: input.customId,
        component_type: ComponentType.Button,
      };
      return this.dispatch(
        componentPayload(this.world, where, message, data),
        `forged button ${input.customId}`,
        where.user,
      );
    }
    const button = findButton(message, query);
    if (!isClickable(button) || !("custom_id" in button)) {
      throw new Error(
        `fake-discord: button ${JSON.stringify(query)} cannot be clicked (disabled, link or premium)`,
      );
    }
    const data: APIMessageComponentInteractionData = {
      custom_id: button.custom_id,
      component_type: ComponentType.Button,
    };
    return this.dispatch(
      componentPayload(this.world, where, message, data),
      `button ${button.custom_id}`,
      where.user,
    );
  }

  selectMenu(input: SelectInput): InteractionHandle {
    const { message, where } = this.locate.onMessage(input.message, input.user);
    if (input.forge) {
      const data = {
        custom_id: input.customId,
        component_type: ComponentType.StringSelect,
        values: input.values,
      } as APIMessageComponentInteractionData;
      return this.dispatch(
        componentPayload(this.world, where, message, data),
        `forged select ${input.customId}`,
        where.user,
      );
    }
    const menu = findSelect(message, input.customId);
    if (menu.type === ComponentType.StringSelect) {
      const allowed = new Set(
        (Array.isArray(menu.options) ? menu.options : []).map((o) =>
          asString((o as { value?: unknown }).value),
        ),
      );
      const bad = input.values.filter((v) => !allowed.has(v));
      if (bad.length > 0)
        throw new Error(`fake-discord: select "${input.customId}" has no option ${bad.join(", ")}`);
    }
    const data = {
      custom_id: input.customId,
      component_type: menu.type,
      values: input.values,
    } as APIMessageComponentInteractionData;
    return this.dispatch(
      componentPayload(this.world, where, message, data),
      `select ${input.customId}`,
      where.user,
    );
  }

  submitModal(input: ModalSubmitInput): InteractionHandle {
    if (input.forge) return this.forgeModal(input);
    const source = input.from?.record ?? this.latestModalSource(input.customId);
    let modal: APIModalInteractionResponseCallbackData | undefined;
    if (input.from) {
      const callback = input.from.record.callback;
      if (callback?.type !== InteractionResponseType.Modal) {
        throw new Error(
          `fake-discord: ${input.from.record.label} has not shown a modal (await its .modal() first)`,
        );
      }
      modal = callback.data as APIModalInteractionResponseCallbackData;
    } else if (source?.callback) modal = source.callback.data as APIModalInteractionResponseCallbackData;
    const customId = modal?.custom_id ?? input.customId;
    if (customId === undefined) throw new Error("fake-discord: submitModal needs `from` or `customId`");
    const data: APIModalSubmission = {
      custom_id: customId,
      components: buildModalSubmission(modal, input.fields),
    };
    const sourcePayload = source?.payload;
    const where = sourcePayload
      ? this.locate.whereOf(sourcePayload, input.user)
      : this.locate.where({ ...(input.user ? { user: input.user } : {}) });
    const message =
      sourcePayload?.type === InteractionType.MessageComponent
        ? (this.world.liveMessage(sourcePayload.message.id)?.message ?? sourcePayload.message)
        : undefined;
    return this.dispatch(
      modalSubmitPayload(this.world, where, data, message),
      `modal ${customId}`,
      where.user,
    );
  }

  private forgeModal(input: ModalSubmitInput): InteractionHandle {
    if (input.customId === undefined) throw new Error("fake-discord: a forged modal needs a customId");
    const where = this.locate.where({
      ...(input.user ? { user: input.user } : {}),
      ...(input.guildId !== undefined ? { guildId: input.guildId } : {}),
      ...(input.channelId !== undefined ? { channelId: input.channelId } : {}),
    });
    const data: APIModalSubmission = {
      custom_id: input.customId,
      components: buildModalSubmission(undefined, input.fields),
    };
    return this.dispatch(
      modalSubmitPayload(this.world, where, data, undefined),
      `forged modal ${input.customId}`,
      where.user,
    );
  }

  private latestModalSource(customId: string | undefined) {
    const shown = [...this.world.interactions.values()].filter(
      (r) => r.callback?.type === InteractionResponseType.Modal && r.callback.data.custom_id === customId,
    );
    return shown.at(-1);
  }

  private dispatch(payload: APIInteraction, label: string, user: FakeUser): InteractionHandle {
    const record = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      label,
      userId: user.id,
      payload,
      dispatchedAt: performance.now(),
      edits: [],
      followUpIds: [],
    };
    this.world.interactions.set(record.id, record);
    const reached = this.gateway.dispatch("INTERACTION_CREATE", payload, { guildId: payload.guild_id });
    if (reached === 0) {
      throw new Error(
        `fake-discord: no bot session to receive ${label}; has the client logged in (await discord.waitForIdentify())?`,
      );
    }
    this.world.notify();
    return new InteractionHandle(this.world, record);
  }
}
