import type { ScopeKind } from "./compiled-lexicon.js";
import { NUMBER_WORDS, parseNumber } from "./numbers.js";

/**
 * Scope told with a figure, which the lexicon's word lists cannot see: "a 220-person plant", "a team of
 * 35", "a $4M contract", "two DCs". Pure; reads one sentence's normalised text.
 */

/** Fewer people than this is a crew, not scope ("a team of 4"). */
const MIN_PEOPLE = 10;
/** Money below this under a contract or spend is not scope. */
const MIN_MONEY = 100_000;

const QUAL =
  "(?:about |around |roughly |nearly |almost |over |more than |some |just over |just under |approximately |~)?";
const COUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+|${Object.keys(NUMBER_WORDS).join("|")})`;
const MONEY =
  /((?:[$€£]|usd |gbp |eur )\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:k|m|mm|bn|million|billion|thousand))?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?(?:million|billion|m|bn)\s(?:dollars|pounds|euros|usd|gbp|eur))/u
    .source;

const PEOPLE_NOUNS =
  "people|persons|employees|staff|workers|associates|colleagues|operators|pickers|packers|loaders|drivers|agents|technicians|mechanics|engineers|nurses|planners|buyers|clerks|analysts|supervisors|managers|team leads|team leaders|shift leads|team members|direct reports|ftes?|soldiers|sailors|volunteers|cashiers|representatives|reps|specialists|coordinators|schedulers|machinists|welders|assemblers|counsel?lors|teachers|contractors|temps";
const TEAM_NOUNS = "team|crew|staff|workforce|department|group|organi[sz]ation|headcount|unit|function";
const SITE_NOUNS =
  "sites|plants|factories|facilities|warehouses|dcs|distribution cent(?:er|re)s|fulfil?ment cent(?:er|re)s|stores|branches|hospitals|clinics|depots|hubs|mills|regions|countries|markets|business units|divisions";
const SPEND_NOUNS =
  "contracts?|budgets?|spend|annual spend|accounts?|p&l|portfolio|revenue|turnover|cost base|operating budget|freight spend|inventory|stock";
const CAPITAL_NOUNS =
  "investment|capex|capital project|project|programme|program|expansion|upgrade|automation|system|line";

// Cheap tests first: most sentences name no people, sites or money.
const PEOPLE_HINT = new RegExp(
  String.raw`\b(?:person|people|man|strong|member|headcount|${PEOPLE_NOUNS}|${TEAM_NOUNS})\b`,
  "i",
);
const SITE_HINT = new RegExp(String.raw`\b(?:${SITE_NOUNS})\b`, "i");
const MONEY_HINT = /[$€£]|\b(?:usd|gbp|eur|million|billion)\b/i;

const PEOPLE: readonly RegExp[] = [
  // "a 220-person plant", "a 35-strong team", "a 12-person team"
  new RegExp(
    String.raw`(?<![\p{L}\p{N}.,])${COUNT}[- ](?:person|people|man|strong|member|headcount)\b`,
    "giu",
  ),
  // "60 people", "about 140 operators", "12 supervisors", "35 direct reports"
  new RegExp(
    String.raw`(?<![\p{L}\p{N}.,$€£])${QUAL}${COUNT}\s+(?:[\p{L}-]+\s+){0,2}?(?:${PEOPLE_NOUNS})\b`,
    "giu",
  ),
  // "a team of 35", "a workforce of about 400", "headcount of 220"
  new RegExp(
    String.raw`\b(?:${TEAM_NOUNS})\s+of\s+${QUAL}${COUNT}(?![\p{L}\p{N}%]|\s*(?:%|percent|per cent))`,
    "giu",
  ),
];
const SITES = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,$€£])${QUAL}${COUNT}\s+(?:[\p{L}-]+\s+){0,2}?(?:${SITE_NOUNS})\b`,
  "giu",
);
/** Words that make an amount an outcome ("$2M in lost revenue"), not what someone was in charge of. */
const OUTCOME_WORDS = "lost|saved|avoided|extra|additional|incremental|recovered|new|more|less|fewer";
const MONEY_BEFORE = (nouns: string) =>
  new RegExp(String.raw`${MONEY}\s+(?:(?!(?:${OUTCOME_WORDS})\b)[\p{L}-]+\s+){0,2}?(?:${nouns})\b`, "giu");
/** "saving $400,000", "avoiding an estimated $2M", "cut costs by $1M": an amount told as a result. */
const OUTCOME_BEFORE =
  /\b(?:sav\w*|avoid\w*|cut(?:ting)?|reduc\w*|lost|los\w*|recover\w*|generat\w*|add(?:ed|ing)?|increas\w*|grew|grow\w*|boost\w*|freed|free\w*|releas\w*|by|worth of)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
const MONEY_AFTER = (nouns: string) =>
  new RegExp(String.raw`\b(?:${nouns})\s+(?:of|worth|valued at|totall?ing)\s+${QUAL}${MONEY}`, "giu");
const BUDGET: readonly RegExp[] = [MONEY_BEFORE(SPEND_NOUNS), MONEY_AFTER(SPEND_NOUNS)];
const CAPITAL: readonly RegExp[] = [
  MONEY_BEFORE(CAPITAL_NOUNS),
  MONEY_AFTER(CAPITAL_NOUNS),
  // "I invested $1.2M in a sorter", "the board approved $8M of capex"
  new RegExp(
    String.raw`\b(?:invest(?:ed|ing)?|approved|secured)\s+(?:[\p{L}-]+\s+){0,2}?${QUAL}${MONEY}`,
    "giu",
  ),
];

function count(raw: string): number {
  const word = NUMBER_WORDS[raw.toLowerCase()];
  if (word !== undefined) return word;
  return Number(raw.replace(/,/g, ""));
}

function money(raw: string): number {
  const m = /^(?:[$€£]|usd |gbp |eur )?\s?([\d,.]+)\s?(k|m|mm|bn|million|billion|thousand)?/i.exec(
    raw.trim(),
  );
  if (!m?.[1]) return 0;
  return parseNumber(`${m[1]}${m[2] ? ` ${m[2]}` : ""}`)?.value ?? 0;
}

const matches = (res: readonly RegExp[], text: string, ok: (n: string) => boolean) =>
  res.some((re) => [...text.matchAll(re)].some((m) => ok(m[1] ?? "")));

/** An amount in charge, not an amount gained or saved. */
const inCharge = (res: readonly RegExp[], text: string) =>
  res.some((re) =>
    [...text.matchAll(re)].some((m) => {
      const amount = m[1] ?? "";
      const at = m.index + m[0].indexOf(amount);
      return money(amount) >= MIN_MONEY && !OUTCOME_BEFORE.test(text.slice(Math.max(0, at - 40), at));
    }),
  );

/** The scope kinds a sentence shows with a figure: headcount, sites, spend under management, capital. */
export function figureScope(norm: string): ScopeKind[] {
  const text = norm.toLowerCase();
  if (!/\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozen|hundred/.test(text))
    return [];
  const out: ScopeKind[] = [];
  if (PEOPLE_HINT.test(text) && matches(PEOPLE, text, (n) => count(n) >= MIN_PEOPLE)) out.push("people");
  if (SITE_HINT.test(text) && matches([SITES], text, (n) => count(n) >= 2)) out.push("multi_site");
  if (MONEY_HINT.test(text)) {
    if (inCharge(BUDGET, text)) out.push("budget");
    if (inCharge(CAPITAL, text)) out.push("capital");
  }
  return out;
}
