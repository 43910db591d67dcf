import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CRITERIA } from "../../src/core/criteria.js";
import { extractEvidence } from "../../src/core/evidence/extract.js";
import { figureScope } from "../../src/core/evidence/scope.js";
import { quoteSentence, windowAround } from "../../src/core/grading/evidence-quotes.js";
import { shorten } from "../../src/core/grading/feedback.js";
import { checkFeedback, type Violation } from "../../src/core/grading/feedback-check.js";
import { quoteFinder } from "../../src/core/grading/quotes.js";
import type { Grade } from "../../src/core/grading/types.js";
import type { Level } from "../../src/core/levels.js";
import { content, grade, STRONG_ANSWER } from "../helpers/grade.js";

const check = (g: Grade, answer: string) => checkFeedback(g, answer, content);
const kinds = (vs: Violation[]) => vs.map((v) => v.kind);
const scopeOf = (answer: string) => extractEvidence({ answer, question: "" }, content.lexicon).scope;
const tipText = (g: Grade) => g.tips.join("\n");

interface Labelled {
  id: string;
  question: string;
  answer: string;
  level?: Level;
}
const labelled: Labelled[] = readFileSync(new URL("../fixtures/answers.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Labelled);

describe("the feedback checker", () => {
  const answer = [
    "At our Leeds DC last spring, pick accuracy had slipped to 96% and a retail client was threatening penalties.",
    "My goal was to get accuracy back above 99.5% within three months.",
    "I pulled two months of mis-pick records from the WMS and ran a Pareto by SKU pair.",
    "I re-slotted the 30 look-alike SKUs apart and added photo labels to the locations.",
    "Accuracy rose from 96% to 99.6% in ten weeks and the penalties stopped.",
  ].join(" ");
  const base = grade(answer, undefined, "mid");
  const task = "My goal was to get accuracy back above 99.5% within three months.";
  const tampered = (f: (g: Grade) => void): Grade => {
    const g = structuredClone(base);
    f(g);
    return g;
  };

  it("finds nothing wrong with the grader's own feedback on a clean answer", () => {
    expect(check(base, answer)).toEqual([]);
  });

  it("catches a quote that is not in the answer, or comes from a sentence of another part", () => {
    const g = tampered((x) => {
      x.criteria.action.evidence = [task, "I re-slotted all 30 SKUs"];
    });
    expect(kinds(check(g, answer))).toEqual(["quote_wrong_role", "quote_not_verbatim"]);
  });

  it("catches the same sentence quoted twice for one criterion", () => {
    const g = tampered((x) => {
      const q = x.criteria.result.evidence[0] ?? "";
      x.criteria.result.evidence = [q, q];
    });
    expect(kinds(check(g, answer))).toContain("duplicate_quote");
  });

  it("catches a shortened quote that leaves out the figure", () => {
    const g = tampered((x) => {
      x.criteria.result.evidence = ["Accuracy rose from"];
    });
    expect(kinds(check(g, answer))).toEqual(["quote_drops_figure"]);
  });

  it("catches a tip that names a method or quotes words the answer does not contain", () => {
    const g = tampered((x) => {
      x.tips = [
        render("method_not_shown", { method: "Financial analysis" }),
        render("no_baseline", { quote: "Accuracy rose sharply" }),
      ];
    });
    expect(kinds(check(g, answer))).toEqual(["tip_text_absent", "tip_text_absent"]);
  });

  it('catches "every step is we" on an answer with "I" steps', () => {
    const g = tampered((x) => {
      x.tips = [render("we_only", { quote: "I pulled two months of mis-pick records" })];
    });
    expect(kinds(check(g, answer))).toEqual(["we_only_untrue", "we_only_untrue"]);
  });

  it('catches "a strong answer" when something is missing, and the scope tip when scope is there', () => {
    const g = tampered((x) => {
      x.missing = [content.feedback.missing.baseline];
      x.tips = [content.feedback.tips.keep_going];
    });
    expect(kinds(check(g, answer))).toEqual(["strong_tip_with_gaps"]);
    const scoped = `${answer} I led a team of 35 pickers across two shifts.`;
    const s = structuredClone(grade(scoped, undefined, "mid"));
    s.tips = [render("scope", { level: "mid" })];
    expect(kinds(check(s, scoped))).toEqual(["scope_tip_with_scope"]);
  });

  it('catches "finish with the result" beside a quoted result, and "a strong answer" beside a thin part', () => {
    const noResult = tampered((x) => {
      x.tips = [content.feedback.tips.no_result];
    });
    expect(kinds(check(noResult, answer))).toEqual(["no_result_untrue"]);
    const thin = tampered((x) => {
      x.tips = [content.feedback.tips.keep_going];
      x.criteria.task.score = 2;
    });
    expect(kinds(check(thin, answer))).toEqual(["strong_tip_with_gaps"]);
  });

  it('catches "give the before and after" quoting a sentence that gives them', () => {
    const g = tampered((x) => {
      x.tips = [render("vague_result", { quote: "Accuracy rose from 96% to 99.6% in ten weeks" })];
    });
    expect(kinds(check(g, answer))).toEqual(["vague_tip_on_measured"]);
  });

  it('never says "a strong answer" beside another tip, and the checker catches it', () => {
    const short =
      "- Situation: unplanned downtime on the filler was 14 hours a month\n- Task: I owned the maintenance plan for the line\n- Action: I pulled the breakdown log, found that 60% of stops were the capper, and set up a weekly PM and a spare-parts kit\n- Result: downtime fell to 5 hours a month within a quarter";
    const g = grade(short);
    expect(g.tips.join(" ")).toMatch(/too short/);
    expect(g.tips.join(" ")).not.toMatch(/strong answer/);
    expect(check(g, short)).toEqual([]);
    const both = structuredClone(g);
    both.tips = [...g.tips, content.feedback.tips.keep_going];
    expect(kinds(check(both, short))).toContain("strong_tip_with_gaps");
  });

  it('catches "describes a plan" on an answer that is not one, and a list of numbers is never called a plan', () => {
    const g = tampered((x) => {
      x.tips = [render("hypothetical", { quote: "I re-slotted the 30 look-alike SKUs apart" })];
    });
    expect(kinds(check(g, answer))).toEqual(["plan_tip_untrue"]);
    const list = "OEE 62% 81%. Scrap 5% 2%. Lead time 12 days 4 days. Savings $400K. Headcount 30 28.";
    const l = grade(list);
    expect(l.tips.join(" ")).not.toMatch(/describes a plan or a habit/);
    expect(check(l, list)).toEqual([]);
  });

  it("asks for more scope, not for 'how big this was', when an answer gives some but not enough for its level", () => {
    const plant = `At our 220-person stamping plant, late deliveries on a $4M contract had reached 14% of orders. As operations manager I had to get on-time delivery above 95% within a quarter. I mapped the order-to-ship flow, found most delays came from die changes, and set up a SMED project that moved die staging offline. Within three months on-time delivery was 97% and expedited freight fell from $30,000 to $8,000 a month.`;
    const g = grade(plant, undefined, "executive");
    const tips = g.tips.join(" ");
    expect(tips).toMatch(/You give some scale \(a headcount/);
    expect(tips).not.toMatch(/Say how big this was/);
    expect(kinds(check(g, plant))).toEqual([]);
    // The plain tip on the same answer is caught: it asks for a headcount the answer gives.
    const wrong = structuredClone(g);
    wrong.tips = [render("scope", { level: "executive" })];
    expect(kinds(check(wrong, plant))).toEqual(["scope_tip_with_scope"]);
  });
});

function render(key: string, values: Record<string, string>): string {
  const template = (content.feedback.tips as Record<string, string>)[key] ?? "";
  return template.replace(/\{([a-z_]+)\}/g, (_, n: string) => values[n] ?? "");
}

describe("feedback is true to the answer", () => {
  it("on every labelled answer, at its own level and at mid level", () => {
    const found: string[] = [];
    for (const row of labelled) {
      for (const level of [row.level ?? "entry", "mid"] as const) {
        for (const v of check(grade(row.answer, row.question, level), row.answer))
          found.push(`${row.id} ${level} ${v.kind} ${v.where}: ${v.text}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("quotes the steps told inside a scene for Action, and never quotes a plan as the scene", () => {
    const answer =
      "In a case like that I'd always start with the data. Last year I did exactly that at our bakery: scrap on the bun line was 6% and I pulled the reject logs from the MES, found most rejects came in the first hour after start-up, and changed the oven warm-up routine with the shift leads. Scrap fell to 2.5% within a month.";
    const g = grade(answer);
    expect(g.criteria.action.score).toBeGreaterThan(0);
    expect(g.criteria.action.evidence.join(" ")).toMatch(/I pulled the reject logs/);
    expect(g.criteria.situation.evidence.join(" ")).not.toMatch(/I'd always start/);
    // Measured, with its baseline in the scene: no tip asks for a before and after it already has.
    expect(g.tips.join(" ")).not.toMatch(/give the before and after|What was it when you started/);
    expect(check(g, answer)).toEqual([]);
  });

  it("asks nothing of a tool that is only part of the scene, and keeps the after value of a long pair", () => {
    const answer = `At our regional dairy, our dashboard showed 96% on-time delivery, but the retailers kept complaining. I was the transport planner and I was asked to find out why.
I pulled the retailers' receiving logs and found we measured on-time at dispatch while they measured at their dock: we had about forty late deliveries every week on their clock. I rebuilt the routes around the stores' receiving windows and moved two early loads to a second shift.
By the end of the quarter we were down to five or six late deliveries a week, and one in twenty orders arrived late instead of one in three at the worst stores.`;
    const g = grade(answer, undefined, "mid");
    expect([...g.tips, ...g.missing].join(" ")).not.toMatch(/dashboard/);
    const business = g.tips.find((t) => t.startsWith("Tie the result"));
    expect(business).toBeDefined();
    expect(business).not.toMatch(/instead of one\.\.\./);
    expect(check(g, answer)).toEqual([]);
    // With no steps at all, the tool named is all there is: the tip still asks what was done with it.
    const bare = "Our dashboard showed 96% on-time delivery and it went well.";
    expect(grade(bare).tips.join(" ")).toMatch(/You name dashboard but don't show it/);
  });

  it("never quotes what a step found as the result", () => {
    const answer = `At our fulfilment centre, internal OTIF read 97% but our largest customer logged about fifteen escalations a week.
As operations manager I had to find why our numbers and theirs disagreed.
I pulled three months of their receiving data and compared it with our ship confirmations.
I found that we counted an order on time when it left our dock, while they counted it when it was put away.
I changed our KPI to the customer's definition and set up a daily exception report.
Within two months they escalated only twice a week, and our OTIF on their definition went from 84% to 95%.`;
    const g = grade(answer, undefined, "mid");
    expect(g.criteria.result.evidence.join(" ")).not.toMatch(/I found that/);
    expect(g.criteria.result.evidence[0]).toMatch(/^Within two months they escalated only twice a week/);
    expect(g.criteria.action.evidence.join(" ")).toMatch(/I found that/);
  });

  it("asks for guessed figures to be stated firmly, not for a before and after the answer gives", () => {
    const answer = `I was the process tech on nights and the filler kept jamming on the 500 ml bottles.
I logged every jam for two weeks and found the guide rails were not reset to the right width after a changeover.
I made a setup card with the widths and trained the other operators on it.
After that jams went from something like twelve a week down to maybe two or three.`;
    const g = grade(answer);
    expect(tipText(g)).toMatch(/as guesses \("After that jams went from something like twelve a week/);
    expect(tipText(g)).not.toMatch(/give the before and after/);
    expect(check(g, answer)).toEqual([]);
    // Told firmly, the same result is measured and asked for nothing of the kind.
    const firm = grade(
      answer.replace("something like twelve", "twelve").replace("maybe two or three", "three"),
    );
    expect(tipText(firm)).not.toMatch(/as guesses/);
    expect(firm.criteria.result.score).toBeGreaterThanOrEqual(3);
  });

  it("never quotes a goal as an action, whatever the phrasing", () => {
    const goals = [
      "My goal was to cut the pick error rate to under 0.5% before peak.",
      "I was asked to bring overtime down by a third within the quarter.",
      "My target, agreed with the plant manager, was an OEE of 75% by year end.",
      "I was responsible for getting dock-to-stock under two days.",
    ];
    for (const goal of goals) {
      const answer = `At our Reno plant, the packing line kept missing its shift target last winter. ${goal} I timed every changeover for a week and I found that half the stops were waiting for labels. I moved label printing next to the line and trained both shifts on the new routine. Output rose from 410 to 480 cases per shift within a month.`;
      const g = grade(answer);
      expect(g.criteria.action.evidence).not.toContain(goal);
      expect(g.criteria.action.evidence.length).toBeGreaterThan(0);
      expect(check(g, answer)).toEqual([]);
    }
  });

  it("quotes no sentence twice for a criterion, nor the same one for Situation and Result", () => {
    const answers = [
      "Last year at our DC, late trucks went from 30% to 12% after I changed the dock schedule. I mapped arrivals for two weeks and I set 30-minute slots with the carriers. I also moved the fast movers nearer to the doors.",
      "S: At a bottling plant, downtime on line 2 was 9 hours a week.\nT: My job was to halve it.\nA: I ran a 5 whys with maintenance and I rewrote the PM checklist.\nR: Downtime fell from 9 hours a week to 3 hours a week.",
    ];
    for (const answer of answers) {
      const g = grade(answer);
      for (const c of CRITERIA)
        expect(new Set(g.criteria[c].evidence).size).toBe(g.criteria[c].evidence.length);
      expect(check(g, answer)).toEqual([]);
    }
  });

  it("names a method in the answer's own words, never by a name the answer does not use", () => {
    const cases: Array<[string, string]> = [
      ["The payback on the new sorter was good, so it went in.", "payback"],
      ["Our payback was under a year. It was a good project.", "payback"],
      ["There was a pilot and it went well.", "pilot"],
      ["A root cause was found and things improved.", "root cause"],
      ["There were red tags everywhere and it was better.", "red tags"],
    ];
    for (const [answer, words] of cases) {
      const g = grade(answer);
      const tip = g.tips.find((t) => t.startsWith("You name"));
      expect(tip).toContain(`You name ${words} but`);
      expect(check(g, answer)).toEqual([]);
    }
    const g = grade("The payback looked good and the pilot went well. Things got better.");
    expect(g.tips[0]).toMatchInlineSnapshot(
      `"You name payback and pilot but don't show it. Say what you did with it: what you mapped or measured, and what it revealed."`,
    );
    expect(g.missing.find((m) => m.startsWith("How you applied"))).toMatchInlineSnapshot(
      `"How you applied payback: what you mapped, measured or changed"`,
    );
  });

  it('says "every step is we" only when no step is told with "I", quoting a "we" step', () => {
    const weOnly = [
      "At our plant, scrap on line 3 was 8% last spring. We ran a Pareto on the rejects and we found worn sealing jaws. We replaced the jaws and we added a daily check. Scrap fell from 8% to 3% in two months.",
      "I think the team did well here. At the DC, picking errors were high. We re-slotted the look-alike items and we added photo labels. Errors fell from 40 a week to 12.",
    ];
    for (const answer of weOnly) {
      const g = grade(answer);
      const tip = g.tips.find((t) => t.startsWith("Every step"));
      expect(tip).toMatch(/\("We /);
      expect(check(g, answer)).toEqual([]);
    }
    const mixed = [
      "At our plant, scrap was 8%. We ran a Pareto and we found worn jaws. I then replaced the jaws myself. Scrap fell from 8% to 3%.",
      "Two years ago I ran the night shift at a DC. We re-slotted the look-alike items and we added labels. Errors fell from 40 a week to 12.",
      "Mapped the dock flow with the leads. We changed the slots and we trained the drivers. Late trucks fell from 30% to 12%.",
    ];
    for (const answer of mixed) {
      const g = grade(answer);
      expect(tipText(g)).not.toMatch(/Every step is told as "we"/);
      expect(check(g, answer)).toEqual([]);
    }
  });

  it("hears scope told with a figure: headcount, sites, contracts and budgets", () => {
    const scoped: Array<[string, string]> = [
      ["I was production manager at a 220-person plant.", "people"],
      ["I led a team of 35 pickers on nights.", "people"],
      ["I managed 12 supervisors and about 140 operators.", "people"],
      ["I ran a 12-person planning team.", "people"],
      ["I negotiated a $4M contract with our carrier.", "budget"],
      ["I owned a $3M annual spend on packaging.", "budget"],
      ["I had a budget of $2.5 million for the year.", "budget"],
      ["I ran operations across three sites in Ohio.", "multi_site"],
      ["I was responsible for two DCs and their transport.", "multi_site"],
      ["We invested $1.2M in a new sorter.", "capital"],
    ];
    for (const [sentence, kind] of scoped) expect(scopeOf(sentence)).toContain(kind);
    const notScope = [
      "I worked with a team of 4 on the first shift.",
      "We saved $300,000 a year in overtime.",
      "It avoided an estimated $2M in lost revenue.",
      "I built 12 reports and moved 40 SKUs to new locations.",
      "Lead time was 14 days.",
    ];
    for (const sentence of notScope) expect(figureScope(sentence)).toEqual([]);
  });

  it("gives the scope tip at mid level only when the answer shows no scope", () => {
    const story = (scope: string) =>
      `${scope} Late orders were running at 9% of volume last spring. My goal was to get them under 3% within a quarter. I analysed the late orders in SQL and I split the afternoon wave into two earlier waves. I also agreed a new cut-off with the carriers. Late orders fell from 9% to 2.5% in eight weeks.`;
    const withScope = [
      "I ran the warehouse at a 220-person plant.",
      "I managed a team of 35 across two shifts.",
      "I ran the account, a $4M contract with a retailer.",
      "I was operations manager for three sites.",
      "I managed the site with a budget of $2.5 million.",
    ];
    for (const s of withScope) {
      const answer = story(s);
      const g = grade(answer, undefined, "mid");
      expect(tipText(g)).not.toMatch(/interviewers look for scope/);
      expect(check(g, answer)).toEqual([]);
    }
    const without = story("I was a shift lead at a warehouse.");
    expect(grade(without, undefined, "mid").tips.find((t) => t.includes("scope"))).toMatchInlineSnapshot(
      `"At mid level, interviewers look for scope: people, sites, budget or capital, risk and strategy. Say how big this was: the headcount, sites or money involved."`,
    );
  });

  it("calls an answer strong only when nothing is missing", () => {
    expect(grade(STRONG_ANSWER).tips).toContain(content.feedback.tips.keep_going);
    const weaker = [
      "At our DC, picking was slow. I looked at the pick paths and I moved the fast movers closer to packing. Picks per hour went up to 140.",
      "Last year our plant had too much scrap on line 2. My job was to fix it. I ran a Pareto on the rejects and I retrained the operators on the sealer settings. Scrap went down a lot.",
    ];
    for (const answer of weaker) {
      const g = grade(answer);
      expect(g.tips).not.toContain(content.feedback.tips.keep_going);
      expect(check(g, answer)).toEqual([]);
    }
  });
});

describe("quotes keep the figure that matters", () => {
  const preamble =
    "After we had gone through every one of the forty-odd process steps with the planners, the buyers, the two shift supervisors, the maintenance lead and the people from finance who had asked for the review in the first place, and after a long pilot on the night shift that nobody had wanted at first";
  const longResult = `${preamble}, average order lead time fell from 14 days to 6 days, which saved about $40,000 a year.`;

  it("trims a long evidence quote around its figure, at word boundaries, verbatim", () => {
    const answer = `At our plant, order lead time was 14 days last year. My goal was to halve it. I mapped the order flow and I removed two approval steps. ${longResult}`;
    const g = grade(answer);
    const quote = g.criteria.result.evidence.find((e) => e.includes("lead time fell"));
    expect(quote).toBeDefined();
    expect(quote?.length).toBeLessThanOrEqual(300);
    expect(quote).toContain("from 14 days to 6 days");
    expect(answer).toContain(quote);
    expect(check(g, answer)).toEqual([]);
  });

  it("shortens a tip quote around the figure", () => {
    expect(shorten(longResult, 90, "from 14 days to 6 days")).toMatchInlineSnapshot(
      `"...average order lead time fell from 14 days to 6 days, which saved about $40,000 a year"`,
    );
    expect(shorten("Scrap fell from 9% to 3%.", 90, "from 9% to 3%")).toMatchInlineSnapshot(
      `"Scrap fell from 9% to 3%"`,
    );
    expect(shorten(longResult, 60)).toMatchInlineSnapshot(
      `"After we had gone through every one of the forty-odd process..."`,
    );
  });

  it("cuts windows on word boundaries and keeps the focus", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("lead", "time", "fell", "from", "14", "days", "to", "6,", "a", "50%", "cut"),
          {
            minLength: 1,
            maxLength: 80,
          },
        ),
        fc.integer({ min: 20, max: 120 }),
        fc.nat(),
        (words, max, pick) => {
          const text = words.join(" ");
          const i = pick % words.length;
          const start = words.slice(0, i).join(" ").length + (i > 0 ? 1 : 0);
          const focus = { start, end: start + (words[i]?.length ?? 0) };
          const w = windowAround(text, max, focus);
          expect(w.end - w.start).toBeLessThanOrEqual(max);
          if (focus.end - focus.start <= max) {
            expect(w.start).toBeLessThanOrEqual(focus.start);
            expect(w.end).toBeGreaterThanOrEqual(focus.end);
          }
          expect(w.start === 0 || text[w.start - 1] === " ").toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps the figure when a model's long quote is cut", () => {
    const quote = quoteFinder(longResult).find(longResult);
    expect(quote?.length).toBeLessThanOrEqual(300);
    expect(quote).toContain("from 14 days to 6 days");
    expect(longResult).toContain(quote);
  });

  it("quotes a short sentence whole", () => {
    const ev = extractEvidence({ answer: "Scrap fell from 9% to 3%.", question: "" }, content.lexicon);
    const s = ev.sentences[0];
    expect(s && quoteSentence(s)).toBe("Scrap fell from 9% to 3%.");
  });
});

/** Answers built from parts of many kinds and phrasings, in any order, with or without headings. */
const PARTS = {
  situation: [
    "At our Memphis DC last spring, on-time dispatch had fallen to 84% during peak.",
    "I was a production scheduler at a bakery running three lines, and changeovers averaged 52 minutes.",
    "Our plant in Leeds had 9% scrap on the packaging line, which cost about $80,000 a year.",
    "In my last role at a 3PL, trucks waited 2.5 hours on average to unload.",
  ],
  task: [
    "My goal was to get on-time dispatch above 97% within eight weeks.",
    "I was asked to cut scrap to under 4% by year end.",
    "My target was to halve the waiting time before peak.",
    "I owned the schedule and had to protect the key customer's orders.",
  ],
  action: [
    "I pulled six weeks of WMS scan data into Excel and mapped where each order waited.",
    "We ran a Pareto on the reject data and we found worn sealer jaws.",
    "I ran a value stream map with the shift leads and re-slotted the 40 fastest SKUs.",
    "We talked about it a lot as a team.",
    "I would use DMAIC and a pilot to test it first.",
    "Mapped the pick path and moved the fast movers next to packing.",
    "I think we changed the wave release to every 30 minutes.",
    "We looked at the payback and the business case.",
  ],
  result: [
    "As a result, on-time dispatch rose from 84% to 98% within six weeks, saving about $60,000 a year.",
    "Scrap fell from 9% to 3%.",
    "Things got much better and everyone was happy.",
    "Waiting time went down to 40 minutes.",
    `Once the whole team had finally got used to the new routine, which took a good while and a lot of patience from everyone involved on both shifts and in the office, average changeover time went from 52 minutes to 27 minutes, and on-time shipment went from 83% to 96%.`,
  ],
  extra: [
    "I led a team of 35 pickers.",
    "It was a $4M contract.",
    "Honestly, I guess, kind of, it maybe worked, sort of.",
    "Lead time went from 12 days to 8, a 50% cut.",
    "It was a big team effort.",
    "2",
  ],
};
const HEADINGS = { situation: "S: ", task: "Task: ", action: "A: ", result: "Result: ", extra: "" };
type Part = keyof typeof PARTS;
const partArb = fc
  .constantFrom(...(Object.keys(PARTS) as Part[]))
  .chain((part) => fc.tuple(fc.constant(part), fc.constantFrom(...PARTS[part])));
const generated = fc.record({
  parts: fc.array(partArb, { minLength: 1, maxLength: 9 }),
  headings: fc.boolean(),
  lines: fc.boolean(),
  level: fc.constantFrom<Level>("entry", "mid", "senior", "executive"),
});

describe("feedback is true on generated answers", () => {
  it("has no violations on answers built from story parts", () => {
    fc.assert(
      fc.property(generated, ({ parts, headings, lines, level }) => {
        const answer = parts
          .map(([part, text]) => (headings ? `${HEADINGS[part]}${text}` : text))
          .join(lines || headings ? "\n" : " ");
        const g = grade(answer, undefined, level);
        expect(check(g, answer)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("has no violations on odd text", () => {
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc.constantFrom(
        ...Object.values(PARTS).flat(),
        "\n",
        "- ",
        "S:",
        "Result:",
        "\u0000\u0007",
        "🚚 lead time",
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const answer = pieces.join(" ");
        expect(check(grade(answer), answer)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
