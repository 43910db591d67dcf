import { z } from "zod";

/** The OM career ladder, as the question bank and the rubric name it. */
export const LEVELS = ["entry", "mid", "senior", "executive"] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

export const LEVEL_ROLES: Record<Level, string> = {
  entry: "coordinator, analyst, production scheduler, inventory analyst, supervisor",
  mid: "operations manager",
  senior: "director of operations",
  executive: "VP of operations, COO",
};
