/** The OM career ladder, as the question bank and the rubric name it. No zod here: `--help` loads it. */
export const LEVELS = ["entry", "mid", "senior", "executive"] as const;
export type Level = (typeof LEVELS)[number];

export const isLevel = (value: string): value is Level => (LEVELS as readonly string[]).includes(value);
