import { z } from "zod";
import { CriterionIdSchema } from "../core/criteria.js";
import { MAX_QUESTIONS } from "../core/interview/types.js";
import { LevelSchema } from "../core/levels.js";
import { ShareSchema } from "../store/records.js";
import { LIMITS } from "./limits.js";

/**
 * Buttons and modals carry everything they need in their custom id (the state lives in the store), so
 * a button still works after a restart, on any shard.
 */
export const ActionSchema = z.discriminatedUnion("kind", [
  /** Open the answer modal for a session's current question: `mode` is free text or S/T/A/R fields. */
  z.object({
    kind: z.literal("iv-answer"),
    sessionId: z.string(),
    step: z.enum(["answer", "follow_up", "retry"]),
    structured: z.boolean(),
  }),
  z.object({
    kind: z.literal("iv-submit"),
    sessionId: z.string(),
    step: z.enum(["answer", "follow_up", "retry"]),
    structured: z.boolean(),
  }),
  z.object({ kind: z.literal("iv-next"), sessionId: z.string() }),
  z.object({ kind: z.literal("iv-skip"), sessionId: z.string() }),
  z.object({ kind: z.literal("iv-end"), sessionId: z.string() }),
  z.object({ kind: z.literal("iv-resume"), sessionId: z.string() }),
  /** The job posting form of `/interview start posting:true`: the choices made with it (level null: the posting's). */
  z.object({
    kind: z.literal("iv-posting"),
    level: LevelSchema.nullable(),
    questions: z.coerce.number().int().min(1).max(MAX_QUESTIONS),
    followUps: z.boolean(),
    structured: z.boolean(),
  }),
  /** One question outside a session; `previous` is the attempt a revision is compared with. */
  z.object({
    kind: z.literal("pr-answer"),
    questionId: z.string(),
    level: LevelSchema,
    previous: z.string().nullable(),
    structured: z.boolean(),
  }),
  z.object({
    kind: z.literal("pr-submit"),
    questionId: z.string(),
    level: LevelSchema,
    previous: z.string().nullable(),
    structured: z.boolean(),
  }),
  z.object({ kind: z.literal("grade-submit") }),
  /** Show the answer restructured and a model answer, after feedback on this attempt. */
  z.object({ kind: z.literal("model"), attemptId: z.string() }),
  /** Grade a stored answer again after a failure. */
  z.object({ kind: z.literal("regrade"), attemptId: z.string() }),
  z.object({ kind: z.literal("mydata-delete"), userId: z.string() }),
  /** Group rounds: `replace` is set once the user has confirmed replacing their earlier answer. */
  z.object({ kind: z.literal("gr-answer"), roundId: z.string(), replace: z.boolean() }),
  z.object({ kind: z.literal("gr-submit"), roundId: z.string() }),
  z.object({ kind: z.literal("gr-share"), roundId: z.string(), share: ShareSchema }),
  /** Show the next answer to rate: the one this user has rated least. */
  z.object({ kind: z.literal("gr-review"), roundId: z.string() }),
  z.object({
    kind: z.literal("gr-rate"),
    roundId: z.string(),
    targetId: z.string(),
    criterion: CriterionIdSchema,
  }),
  z.object({ kind: z.literal("gr-close"), roundId: z.string() }),
  /** The story bank (/story): the add and edit forms, and a story's Edit, Practise and Delete buttons. */
  z.object({ kind: z.literal("st-add"), structured: z.boolean() }),
  z.object({ kind: z.literal("st-edit"), storyId: z.string() }),
  z.object({ kind: z.literal("st-edit-submit"), storyId: z.string(), structured: z.boolean() }),
  z.object({ kind: z.literal("st-practise"), storyId: z.string() }),
  /** Open the practice answer form for `questionId`, prefilled with the story. */
  z.object({ kind: z.literal("st-answer"), storyId: z.string(), questionId: z.string() }),
  z.object({ kind: z.literal("st-delete-ask"), storyId: z.string() }),
  z.object({ kind: z.literal("st-delete"), storyId: z.string() }),
  /** Voice answers: `key` is the user's voice message, whose transcript (or failed audio) is held in memory. */
  z.object({ kind: z.literal("vc-grade"), key: z.string() }),
  z.object({ kind: z.literal("vc-edit"), key: z.string() }),
  z.object({ kind: z.literal("vc-edit-submit"), key: z.string() }),
  z.object({ kind: z.literal("vc-retry"), key: z.string() }),
  /** "Answer by voice": how to, for a session's question or (`questionId`) a /practice question. */
  z.object({ kind: z.literal("vc-how"), questionId: z.string().nullable() }),
]);
export type Action = z.infer<typeof ActionSchema>;
export type ActionOf<K extends Action["kind"]> = Extract<Action, { kind: K }>;

const SEP = "|";

const order: { [K in Action["kind"]]: Array<Exclude<keyof Extract<Action, { kind: K }>, "kind">> } = {
  "iv-answer": ["sessionId", "step", "structured"],
  "iv-submit": ["sessionId", "step", "structured"],
  "iv-next": ["sessionId"],
  "iv-skip": ["sessionId"],
  "iv-end": ["sessionId"],
  "iv-resume": ["sessionId"],
  "iv-posting": ["level", "questions", "followUps", "structured"],
  "pr-answer": ["questionId", "level", "previous", "structured"],
  "pr-submit": ["questionId", "level", "previous", "structured"],
  "grade-submit": [],
  model: ["attemptId"],
  regrade: ["attemptId"],
  "mydata-delete": ["userId"],
  "gr-answer": ["roundId", "replace"],
  "gr-submit": ["roundId"],
  "gr-share": ["roundId", "share"],
  "gr-review": ["roundId"],
  "gr-rate": ["roundId", "targetId", "criterion"],
  "gr-close": ["roundId"],
  "st-add": ["structured"],
  "st-edit": ["storyId"],
  "st-edit-submit": ["storyId", "structured"],
  "st-practise": ["storyId"],
  "st-answer": ["storyId", "questionId"],
  "st-delete-ask": ["storyId"],
  "st-delete": ["storyId"],
  "vc-grade": ["key"],
  "vc-edit": ["key"],
  "vc-edit-submit": ["key"],
  "vc-retry": ["key"],
  "vc-how": ["questionId"],
};

const BOOLEANS = new Set(["structured", "replace", "followUps"]);

function encodeValue(v: unknown): string {
  if (v === null) return "-";
  if (typeof v === "boolean") return v ? "1" : "0";
  return String(v);
}

export function encodeAction(action: Action): string {
  const keys = order[action.kind] as string[];
  const id = [action.kind, ...keys.map((k) => encodeValue((action as Record<string, unknown>)[k]))].join(SEP);
  if (id.length > LIMITS.customId) throw new RangeError(`custom id too long: ${id.length}`);
  return id;
}

/** Parses a custom id; null for one this bot did not make (or an old format). */
export function decodeAction(customId: string): Action | null {
  // Discord's limit: anything longer did not come from a component or modal this bot built.
  if (customId.length > LIMITS.customId) return null;
  const [kind, ...values] = customId.split(SEP);
  if (!kind || !(kind in order)) return null;
  const keys = order[kind as Action["kind"]] as string[];
  if (keys.length !== values.length) return null;
  const raw: Record<string, unknown> = { kind };
  keys.forEach((k, i) => {
    const v = values[i] as string;
    raw[k] = BOOLEANS.has(k) ? v === "1" : v === "-" ? null : v;
  });
  const parsed = ActionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
