import { ButtonStyle, ComponentType } from "discord.js";
import type { Check, Path } from "./check.js";
import { asArray, asNumber, asObject, asString, type JsonObject } from "./json.js";

export const COMPONENT_LIMITS = {
  actionRows: 5,
  perRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  optionText: 100,
  placeholder: 150,
  v2Total: 40,
  modalTitle: 45,
  modalRows: 5,
  textInputLabel: 45,
  textInputLength: 4000,
  textInputPlaceholder: 100,
  labelText: 45,
  labelDescription: 100,
} as const;

const SELECTS: ReadonlySet<number> = new Set([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

/** Classic messages: at most 5 action rows. Components V2 messages: at most 40 components in all. */
export function checkMessageComponents(check: Check, value: unknown, path: Path, v2: boolean): void {
  const seen = new Set<string>();
  const top = asArray(value);
  if (!v2) {
    check.items(path, value, 0, COMPONENT_LIMITS.actionRows);
    for (const [index, raw] of top.entries()) {
      const row = asObject(raw);
      if (row.type === ComponentType.ActionRow) checkActionRow(check, row, [...path, index], seen);
      else
        check.add(
          [...path, index, "type"],
          "UNION_TYPE_CHOICES",
          'Value of field "type" must be one of (1,).',
        );
    }
    return;
  }
  let total = 0;
  const walk = (raw: unknown, at: Path): void => {
    total += 1;
    const component = asObject(raw);
    if (component.type === ComponentType.ActionRow) {
      checkActionRow(check, component, at, seen);
      total += asArray(component.components).length;
      return;
    }
    checkInteractive(check, component, at, seen);
    for (const [i, child] of asArray(component.components).entries()) walk(child, [...at, "components", i]);
    if (component.accessory !== undefined) walk(component.accessory, [...at, "accessory"]);
  };
  for (const [index, raw] of top.entries()) walk(raw, [...path, index]);
  if (total > COMPONENT_LIMITS.v2Total) {
    check.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${COMPONENT_LIMITS.v2Total} or fewer in length.`);
  }
}

function checkActionRow(check: Check, row: JsonObject, path: Path, seen: Set<string>): void {
  const children = asArray(row.components);
  const at: Path = [...path, "components"];
  check.items(at, children, 1, COMPONENT_LIMITS.perRow);
  const hasSelect = children.some((child) => SELECTS.has(asNumber(asObject(child).type) ?? -1));
  if (hasSelect && children.length > 1) {
    check.add(at, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
  }
  for (const [i, child] of children.entries()) checkInteractive(check, asObject(child), [...at, i], seen);
}

function checkInteractive(check: Check, component: JsonObject, path: Path, seen: Set<string>): void {
  const type = asNumber(component.type);
  const customId = asString(component.custom_id);
  if (customId !== undefined) {
    check.length([...path, "custom_id"], customId, 1, COMPONENT_LIMITS.customId);
    if (seen.has(customId)) {
      check.add(
        [...path, "custom_id"],
        "COMPONENT_CUSTOM_ID_DUPLICATED",
        "Component custom id cannot be duplicated",
      );
    }
    seen.add(customId);
  }
  if (type === ComponentType.Button) {
    check.length([...path, "label"], component.label, 0, COMPONENT_LIMITS.buttonLabel);
    if (component.style === ButtonStyle.Link) check.required([...path, "url"], component.url);
    else if (component.style !== ButtonStyle.Premium) check.required([...path, "custom_id"], customId);
  } else if (type !== undefined && SELECTS.has(type)) {
    check.required([...path, "custom_id"], customId);
    check.length([...path, "placeholder"], component.placeholder, 0, COMPONENT_LIMITS.placeholder);
    check.range([...path, "min_values"], component.min_values, 0, 25);
    check.range([...path, "max_values"], component.max_values, 1, 25);
    if (type === ComponentType.StringSelect)
      checkSelectOptions(check, component.options, [...path, "options"]);
  }
}

function checkSelectOptions(check: Check, value: unknown, path: Path, min = 1, max = 25): void {
  check.items(path, value, min, max);
  if (!Array.isArray(value)) check.required(path, value);
  asArray(value).forEach((raw, i) => {
    const option = asObject(raw);
    for (const key of ["label", "value"] as const) {
      if (check.required([...path, i, key], option[key])) {
        check.length([...path, i, key], option[key], 1, COMPONENT_LIMITS.optionText);
      }
    }
    check.length([...path, i, "description"], option.description, 0, COMPONENT_LIMITS.optionText);
  });
}

/** What a Label may hold in a modal: Discord's "label child components". */
const IN_LABEL: readonly number[] = [
  ComponentType.StringSelect,
  ComponentType.TextInput,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
  ComponentType.FileUpload,
  ComponentType.RadioGroup,
  ComponentType.CheckboxGroup,
  ComponentType.Checkbox,
];

function unionTypeChoices(check: Check, path: Path, allowed: readonly number[]): void {
  check.add(
    [...path, "type"],
    "UNION_TYPE_CHOICES",
    `Value of field "type" must be one of (${allowed.join(", ")},).`,
  );
}

/**
 * A modal (callback type 9): custom_id, title ≤ 45, 1–5 top-level components. Each is a Label wrapping
 * one input (the current form), a Text Display, or an Action Row holding one labelled text input (the
 * deprecated form Discord still accepts).
 */
export function checkModal(check: Check, body: unknown, path: Path): void {
  const modal = asObject(body);
  if (check.required([...path, "custom_id"], modal.custom_id)) {
    check.length([...path, "custom_id"], modal.custom_id, 1, COMPONENT_LIMITS.customId);
  }
  if (check.required([...path, "title"], modal.title)) {
    check.length([...path, "title"], modal.title, 1, COMPONENT_LIMITS.modalTitle);
  }
  if (!Array.isArray(modal.components)) check.required([...path, "components"], modal.components);
  check.items([...path, "components"], modal.components, 1, COMPONENT_LIMITS.modalRows);
  const seen = new Set<string>();
  asArray(modal.components).forEach((raw, index) => {
    const at: Path = [...path, "components", index];
    const entry = asObject(raw);
    if (entry.type === ComponentType.Label) checkLabel(check, entry, at, seen);
    else if (entry.type === ComponentType.ActionRow) {
      const inputs = asArray(entry.components);
      check.items([...at, "components"], inputs, 1, 1);
      for (const [i, input] of inputs.entries()) {
        const where: Path = [...at, "components", i];
        const component = asObject(input);
        if (component.type === ComponentType.TextInput) checkTextInput(check, component, where, false, seen);
        else unionTypeChoices(check, where, [ComponentType.TextInput]);
      }
    } else if (entry.type === ComponentType.TextDisplay) check.required([...at, "content"], entry.content);
    else
      unionTypeChoices(check, at, [ComponentType.ActionRow, ComponentType.TextDisplay, ComponentType.Label]);
  });
}

function checkLabel(check: Check, label: JsonObject, path: Path, seen: Set<string>): void {
  if (check.required([...path, "label"], label.label)) {
    check.length([...path, "label"], label.label, 1, COMPONENT_LIMITS.labelText);
  }
  check.length([...path, "description"], label.description, 0, COMPONENT_LIMITS.labelDescription);
  const at: Path = [...path, "component"];
  if (!check.required(at, label.component)) return;
  const inner = asObject(label.component);
  const type = asNumber(inner.type);
  if (type === ComponentType.TextInput) checkTextInput(check, inner, at, true, seen);
  else if (type !== undefined && IN_LABEL.includes(type)) checkModalChoice(check, inner, type, at, seen);
  else unionTypeChoices(check, at, IN_LABEL);
}

function checkCustomId(check: Check, component: JsonObject, path: Path, seen: Set<string>): void {
  const at: Path = [...path, "custom_id"];
  if (!check.required(at, component.custom_id)) return;
  check.length(at, component.custom_id, 1, COMPONENT_LIMITS.customId);
  const id = String(component.custom_id);
  if (seen.has(id))
    check.add(at, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
  seen.add(id);
}

/** A select menu, file upload, radio group, checkbox group or checkbox inside a modal's Label. */
function checkModalChoice(
  check: Check,
  component: JsonObject,
  type: number,
  path: Path,
  seen: Set<string>,
): void {
  checkCustomId(check, component, path, seen);
  if (SELECTS.has(type)) {
    // Discord: "Using disabled in a modal will result in an error."
    if (component.disabled === true) {
      check.add(
        [...path, "disabled"],
        "COMPONENT_DISABLED_NOT_ALLOWED",
        "Modals cannot have disabled components",
      );
    }
    check.length([...path, "placeholder"], component.placeholder, 0, COMPONENT_LIMITS.placeholder);
    check.range([...path, "min_values"], component.min_values, 0, 25);
    check.range([...path, "max_values"], component.max_values, 1, 25);
    if (type === ComponentType.StringSelect)
      checkSelectOptions(check, component.options, [...path, "options"]);
  } else if (type === ComponentType.FileUpload || type === ComponentType.CheckboxGroup) {
    check.range([...path, "min_values"], component.min_values, 0, 10);
    check.range([...path, "max_values"], component.max_values, 1, 10);
    if (type === ComponentType.CheckboxGroup)
      checkSelectOptions(check, component.options, [...path, "options"], 1, 10);
  } else if (type === ComponentType.RadioGroup) {
    checkSelectOptions(check, component.options, [...path, "options"], 2, 10);
  }
}

/**
 * A text input. In an Action Row it carries its own label (required, ≤ 45); inside a Label it may not
 * have one, since the Label's text is its label.
 */
function checkTextInput(
  check: Check,
  input: JsonObject,
  path: Path,
  inLabel: boolean,
  seen: Set<string>,
): void {
  const max = COMPONENT_LIMITS.textInputLength;
  checkCustomId(check, input, path, seen);
  if (inLabel) {
    if (input.label !== undefined) {
      // Discord documents the rule ("cannot be used in a label component"), not its error code or wording.
      check.add(
        [...path, "label"],
        "COMPONENT_FIELD_NOT_ALLOWED",
        "A text input inside a label cannot have a label of its own",
      );
    }
  } else if (check.required([...path, "label"], input.label)) {
    check.length([...path, "label"], input.label, 1, COMPONENT_LIMITS.textInputLabel);
  }
  if (check.required([...path, "style"], input.style)) check.range([...path, "style"], input.style, 1, 2);
  check.range([...path, "min_length"], input.min_length, 0, max);
  check.range([...path, "max_length"], input.max_length, 1, max);
  check.length([...path, "value"], input.value, 0, max);
  check.length([...path, "placeholder"], input.placeholder, 0, COMPONENT_LIMITS.textInputPlaceholder);
}
