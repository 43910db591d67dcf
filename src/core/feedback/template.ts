import { StarCoachError } from "../errors.js";
/** A template named a placeholder that the caller did not supply. */
export class TemplateError extends StarCoachError {
  override readonly name = "TemplateError";
}

const PLACEHOLDER = /\{([a-z_]+)\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Fills {name} placeholders; throws on a missing one rather than printing "{name}" to a user. */
export function render(template: string, values: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TemplateError(`template needs {${name}}`);
    return String(value);
  });
}
