import { z } from "zod";
import { LEVELS, type Level } from "./level-names.js";

export { LEVELS, type Level };
export const LevelSchema = z.enum(LEVELS);

export const LEVEL_ROLES: Record<Level, string> = {
  entry: "coordinator, analyst, production scheduler, inventory analyst, supervisor",
  mid: "operations manager",
  senior: "director of operations",
  executive: "VP of operations, COO",
};
