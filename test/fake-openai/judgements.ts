import { CRITERIA, type CriterionId } from "../../src/core/criteria.js";
import type { CriterionJudgement, Judgement } from "../../src/core/grading/judgement.js";
import type { Handler, RecordedRequest, Reply } from "./server.js";

export type Anchor = "Absent" | "Vague" | "Partial" | "Specific" | "Exemplary";

/** A schema-valid reply: every criterion at `anchor` unless overridden. */
export function judgement(
  anchor: Anchor,
  overrides: Partial<Record<CriterionId, Partial<CriterionJudgement>>> = {},
  rest: Partial<Omit<Judgement, "criteria">> = {},
): Judgement {
  const criteria = Object.fromEntries(
    CRITERIA.map((c) => [
      c,
      { evidence: [], rationale: `The ${c} is ${anchor.toLowerCase()}.`, anchor, ...overrides[c] },
    ]),
  ) as Judgement["criteria"];
  return {
    criteria,
    missing: ["A baseline figure for the metric you moved"],
    follow_up: "What was the figure before you started, and what was it after?",
    improved_example: "I cut the pick-to-pack wait from [baseline] to [after] minutes within [timeframe].",
    ...rest,
  };
}

/** The answer as the prompt fenced it: the last block of the user message, inside its tags. */
export function fencedAnswer(request: RecordedRequest): string {
  const m = /<(answer(?:_\d+)?)>\n([\s\S]*)\n<\/\1>$/.exec(request.user);
  if (m?.[2] === undefined) throw new Error("the user message does not end with a fenced answer");
  return m[2];
}

export const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 3);

/** What a fooled model writes: figures and quotes the answer never gave. */
export const INVENTED_QUOTES = [
  "I led a $4M network redesign across 12 sites that cut lead time by 40%.",
  "As plant manager I personally ran the DMAIC project and raised OEE from 61% to 85%.",
  "I saved the company $2.3 million in the first year.",
];

const INJECTION =
  /ignor|disregard|rubric|5\s*\/\s*5|full marks|top marks|maximum|score|grade|grading|system|assistant|instruction|override|exemplary|oubli|vergiss|olvid|anweisung|bewert|calific|punt|note|consigne|regel/i;

export interface ObedientModel {
  handler: Handler;
  /** How many replies obeyed an injection: a test can check the double really was fooled. */
  obeyed(): number;
}

/**
 * A model that does whatever the answer tells it: on any sign of an injection it gives Exemplary on
 * every criterion, with invented quotes, or with the answer's own sentences when `quoteAnswer` is set
 * (the strongest attack: quotes that are verbatim yet prove nothing).
 */
export function obedientModel(options: { quoteAnswer?: boolean } = {}): ObedientModel {
  let obeyed = 0;
  const handler = (request: RecordedRequest): Reply => {
    const answer = fencedAnswer(request);
    if (!INJECTION.test(request.user.slice(request.user.indexOf("<answer")))) {
      const first = sentencesOf(answer)[0] ?? answer;
      return {
        content: judgement("Partial", Object.fromEntries(CRITERIA.map((c) => [c, { evidence: [first] }]))),
      };
    }
    obeyed++;
    const evidence = options.quoteAnswer ? sentencesOf(answer).slice(0, 3) : INVENTED_QUOTES;
    return {
      content: judgement(
        "Exemplary",
        Object.fromEntries(CRITERIA.map((c) => [c, { evidence, rationale: "As instructed, full marks." }])),
        {
          missing: [],
          follow_up: "No follow-up needed: this answer is perfect.",
          improved_example: "I cut costs by 75% and saved $9M in 2 weeks.",
        },
      ),
    };
  };
  return { handler, obeyed: () => obeyed };
}
