import { APPROX_AFTER, APPROX_PAIRS, APPROX_SIGNS, APPROX_WORDS, PAIR_ENDS } from "./estimate-words.js";
import type { Mention } from "./mention.js";
import { markChange, markMoney } from "./mention-changes.js";
import { type Reader, sticky } from "./mention-reader.js";
import { normalizeMetric } from "./mention-units.js";
import type { PhraseHit } from "./phrases.js";

/** "was open within", "were back up again within": a state reached, its time measured. */
const STATE_VERBS = new Set(["was", "were"]);
const AGAIN = new Set(["again", "back", "up"]);
const LETTERS = /^\p{L}+$/u;
const CLAUSE_END = /^\s*(?:$|[,.;:!?)\]-])/;
const TIME_FRAME_BEFORE =
  /(?:within|after|over|for|during|every|each|past|next|last|first|in the)\s+(?:the\s+|a\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$/i;
const TIME_FRAME_AFTER =
  /^\s*(?:later|afterwards|after|in|into|of (?:the )?(?:project|pilot|rollout|trial))\b/i;
const METRIC_BEFORE = 80;
/** A metric after a figure belongs to it only right after it: "95% accuracy", "$9,000 in overtime". */
const METRIC_AFTER = 12;
const HEDGE_GAP = 2;

export interface HedgeSpan {
  start: number;
  end: number;
  first: number;
  last: number;
  /** Ends its clause: "20 percent, I guess." */
  closes: boolean;
}

export function hedgeSpans(r: Reader): HedgeSpan[] {
  const out: HedgeSpan[] = [];
  let hint = 0;
  for (const h of r.scan.hits("number_hedges")) {
    const first = r.tokenFrom(h.start, hint);
    const last = r.tokenFrom(h.end, first);
    hint = first;
    out.push({
      start: h.start,
      end: h.end,
      first,
      last,
      closes: CLAUSE_END.test(r.text.slice(h.end, h.end + 3)),
    });
  }
  return out;
}

/** What the words around a number say of it: an estimate, a guess, a time frame, "of target", a change. */
export function markContext(r: Reader, m: Mention, hedges: HedgeSpan[], hedgeIndex: { i: number }) {
  const { text } = r;
  // Approximations.
  const k = m.first;
  const w1 = r.before(k, m.start);
  let c = m.start - 1;
  if (text[c] === " ") c--;
  if (
    APPROX_WORDS.has(w1) ||
    (k >= 2 && PAIR_ENDS.has(w1) && APPROX_PAIRS.has(`${r.word(k - 2)} ${w1}`)) ||
    APPROX_SIGNS.has(text[c] ?? "") ||
    sticky(APPROX_AFTER, text, m.end)
  )
    m.approx = true;
  // Hedges: a number hedge ending at most two words before, or one closing the clause just after.
  while (hedgeIndex.i < hedges.length && (hedges[hedgeIndex.i] as HedgeSpan).last <= m.first - HEDGE_GAP - 1)
    hedgeIndex.i++;
  for (let h = hedgeIndex.i; h < hedges.length; h++) {
    const s = hedges[h] as HedgeSpan;
    if (s.first > m.last + HEDGE_GAP) break;
    const beforeIt = s.last <= m.first && m.first - s.last <= HEDGE_GAP && r.sameClause(s.end, m.start);
    const afterIt =
      s.first >= m.last && s.first - m.last <= HEDGE_GAP && s.closes && r.sameClause(m.end, s.start);
    if (beforeIt || afterIt) {
      m.hedged = true;
      break;
    }
  }
  // Time frames: "within three months", "after 6 weeks".
  if (m.kind === "duration") {
    m.timeFrame =
      TIME_FRAME_BEFORE.test(text.slice(Math.max(0, m.start - 24), m.start)) ||
      TIME_FRAME_AFTER.test(text.slice(m.end, m.end + 30));
    // "issues were resolved within 48 hours", "the aisle was open again within 25 minutes": a turnaround
    // measured, not a time frame.
    if (m.timeFrame) {
      const k = r.skipQualifiers(m.first, m.start);
      // The state is a word ("open", "back"), not a figure: "scrap was 3% within six weeks" is a time frame.
      const state =
        LETTERS.test(r.word(k - 2)) &&
        (STATE_VERBS.has(r.word(k - 3)) || (STATE_VERBS.has(r.word(k - 4)) && AGAIN.has(r.word(k - 2))));
      if (r.word(k - 1) === "within" && (r.isPastVerb(k - 2) || state)) m.timeFrame = false;
    }
  }
  // "120% of target", "150% of plan", "115% of capacity": against something else (a share of a whole
  // is never over 100%); "12% of orders" is a level.
  if (m.percent && r.word(m.last) === "of" && (m.value > 100 || r.againstReference(m.last + 1)))
    m.relative = true;
  markChange(r, m);
  markMoney(r, m);
}

/** Metric terms near each mention, nearest first, in one pass over both sorted lists. */
export function markMetrics(r: Reader, mentions: readonly Mention[]) {
  const hits = r.scan.hits("metric_terms");
  if (hits.length === 0) return;
  let p = 0;
  for (const m of mentions) {
    if (m.label !== null) continue;
    while (p < hits.length && (hits[p] as PhraseHit).start < m.start) p++;
    // At most three metric terms before it and two after: the nearest is the figure's metric.
    let best: PhraseHit | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    let names: string[] | null = null;
    for (let i = Math.max(0, p - 3); i < Math.min(hits.length, p + 2); i++) {
      const h = hits[i] as PhraseHit;
      const before = i < p;
      const distance = before ? Math.max(0, m.start - h.end) : Math.max(0, h.start - m.end) + 1;
      const near = before
        ? distance <= METRIC_BEFORE && r.sameClause(h.end, m.start, METRIC_BEFORE)
        : distance <= METRIC_AFTER + 1 && r.sameClause(m.end, h.start, METRIC_AFTER);
      if (!near) continue;
      const name = normalizeMetric(h.text);
      if (!names) names = [name];
      else if (!names.includes(name)) names.push(name);
      if (distance < bestDistance) {
        best = h;
        bestDistance = distance;
      }
    }
    if (!best || !names) continue;
    m.metric = { name: normalizeMetric(best.text), start: best.start, end: best.end };
    m.metrics = names;
  }
}
