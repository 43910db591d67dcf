import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readContentSources, shippedContent } from "../../src/content-files.js";
import { ContentError } from "../../src/core/content/errors.js";
import { loadContent } from "../../src/core/content/load.js";
import { LEVELS } from "../../src/core/levels.js";
import { analyzePosting, POSTING_LIMITS } from "../../src/core/posting/analyze.js";
import { PostingError } from "../../src/core/posting/errors.js";
import { practiceFor } from "../../src/core/posting/practice.js";
import { ROOT } from "../helpers/run-cli.js";

const content = shippedContent();
const posting = (name: string) =>
  readFileSync(join(ROOT, "test", "fixtures", "postings", `${name}.txt`), "utf8");
const analyze = (text: string) => analyzePosting(text, content);
const ids = (text: string, n: number) =>
  analyze(text)
    .competencies.slice(0, n)
    .map((c) => c.id);

/** Duties any operations posting could carry, to put a title in front of. */
const DUTIES = `
Responsibilities
- Lead the production team and coach supervisors on safety, quality and standard work.
- Track OEE, yield and on-time delivery, and run root cause analysis on downtime and scrap.
- Drive continuous improvement with Lean tools such as kaizen and 5S.
- Manage overtime and labor cost against budget, and partner with planning and maintenance.
Requirements
- 5+ years of experience in manufacturing operations; a bachelor's degree preferred.`;

function problemOf(text: string): { problem: string; message: string } {
  try {
    analyze(text);
  } catch (err) {
    if (err instanceof PostingError) return { problem: err.problem, message: err.userMessage ?? "" };
    throw err;
  }
  throw new Error("expected a PostingError");
}

describe("analyzePosting: level", () => {
  it("reads an operations manager at a food plant as mid, stressing quality, people, safety and Lean", () => {
    const a = analyze(posting("operations-manager-food"));
    expect(a.level).toBe("mid");
    expect(a.levelReason).toContain('"Operations Manager');
    expect(ids(posting("operations-manager-food"), 5)).toEqual(
      expect.arrayContaining(["quality", "leadership", "safety", "process-improvement", "scheduling"]),
    );
    expect(a.competencies.find((c) => c.id === "quality")?.evidence).toEqual(
      expect.arrayContaining(["HACCP", "GMP", "food safety"]),
    );
    expect(a.methods).toEqual(expect.arrayContaining(["Lean", "Kaizen", "5S", "SMED", "Six Sigma", "ERP"]));
    expect(a.metrics).toEqual(
      expect.arrayContaining(["OEE", "OTIF", "TRIR", "Yield", "Schedule attainment"]),
    );
  });

  it("reads a coordinator and an analyst as entry, each with its own first competency", () => {
    const coordinator = analyze(posting("operations-coordinator"));
    expect(coordinator.level).toBe("entry");
    expect(coordinator.competencies[0]?.id).toBe("supply-chain");
    const analyst = analyze(posting("inventory-analyst"));
    expect(analyst.level).toBe("entry");
    expect(analyst.competencies[0]?.id).toBe("inventory");
    expect(analyst.metrics).toEqual(expect.arrayContaining(["Inventory accuracy", "Fill rate"]));
    expect(analyst.methods).toEqual(
      expect.arrayContaining(["ABC analysis and cycle counting", "WMS", "Safety stock and reorder points"]),
    );
  });

  it("reads a multi-site director of operations as senior", () => {
    const a = analyze(posting("director-operations-multisite"));
    expect(a.level).toBe("senior");
    expect(a.levelReason).toBe('The title "Director of Operations, Midwest Region" reads as senior.');
    expect(ids(posting("director-operations-multisite"), 4)).toEqual(
      expect.arrayContaining(["cost", "safety"]),
    );
  });

  it("reads a VP of operations and a COO as executive", () => {
    const vp = analyze(posting("vp-operations"));
    expect(vp.level).toBe("executive");
    expect(vp.competencies[0]?.id).toBe("strategy");
    expect(analyze(`Chief Operating Officer (COO)\n${DUTIES}`).level).toBe("executive");
  });

  it("takes senior, assistant and associate into account, and a labelled title anywhere", () => {
    expect(analyze(`Senior Operations Manager\n${DUTIES}`).level).toBe("senior");
    expect(analyze(`Sr. Production Manager\n${DUTIES}`).level).toBe("senior");
    expect(analyze(`Assistant Operations Manager\n${DUTIES}`).level).toBe("entry");
    expect(analyze(`Associate Director, Plant Operations\n${DUTIES}`).level).toBe("mid");
    expect(analyze(`Senior Analyst, Operations\n${DUTIES}`).level).toBe("entry");
    expect(analyze(`Plant Manager\n${DUTIES}`).level).toBe("senior");
    expect(analyze(`**VP-Operations**\n${DUTIES}`).level).toBe("executive");
    const labelled = analyze(`Greenway Foods, Springfield\n${DUTIES}\n\nJob title: Production Scheduler`);
    expect(labelled.level).toBe("entry");
    expect(labelled.levelReason).toContain('"Production Scheduler"');
  });

  it("moves a title up one step when its scope reads higher, and says why", () => {
    const scoped = `Operations Manager\nYou will hold full P&L accountability for a multi-site network of 4 plants and a $30M operating budget.\n${DUTIES}`;
    const a = analyze(scoped);
    expect(a.level).toBe("senior");
    expect(a.levelReason).toMatch(
      /^The title "Operations Manager" reads as mid; its scope \(.*"P&L".*\) moves it to senior\.$/,
    );
    // Scope moves one step at most, and a single signal moves nothing.
    expect(
      analyze(
        `Operations Supervisor\nYou will support our enterprise-wide network of 40 plants and the board of directors.\n${DUTIES}`,
      ).level,
    ).toBe("mid");
    expect(analyze(`Operations Manager\nYou will own the P&L of one plant.\n${DUTIES}`).level).toBe("mid");
  });

  it("reads a posting without a title from its opening, or from its scope, or as mid", () => {
    expect(analyze(`We are hiring a Production Supervisor for our night shift.\n${DUTIES}`).level).toBe(
      "entry",
    );
    const untitled = analyze(`About us: we make frozen pizza.\n${DUTIES}`);
    expect(untitled.level).toBe("mid");
    expect(untitled.levelReason).toBe("No job title found; read as mid by default.");
  });
});

describe("analyzePosting: competencies", () => {
  it("weighs competencies from 0 to 1, strongest first, each with deduplicated evidence from the posting", () => {
    for (const name of ["operations-manager-food", "inventory-analyst", "vp-operations"]) {
      const text = posting(name);
      const { competencies } = analyze(text);
      const weights = competencies.map((c) => c.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 1);
      for (const c of competencies) {
        expect(c.evidence.length).toBeGreaterThan(0);
        expect(new Set(c.evidence.map((e) => e.toLowerCase())).size).toBe(c.evidence.length);
        for (const e of c.evidence) expect(text.toLowerCase()).toContain(e.toLowerCase());
      }
    }
  });

  it("does not count a word inside another competency's phrase, nor in a neutral phrase", () => {
    const a = analyze(posting("inventory-analyst"));
    expect(a.competencies.find((c) => c.id === "safety")?.evidence ?? []).not.toContain("safety");
    expect(a.competencies.find((c) => c.id === "leadership")?.evidence ?? []).not.toContain("hiring");
  });

  it("suggests practising the strongest competency the bank asks at the posting's level", () => {
    const a = analyze(posting("operations-manager-food"));
    const practice = practiceFor(a, content.bank);
    expect(practice).toEqual({ level: "mid", focus: a.competencies[0]?.id });
    expect(content.bank.filter({ level: "mid", competency: practice.focus ?? "" }).length).toBeGreaterThan(0);
    // Strategy has no entry-level questions: an entry posting about strategy practises its next one.
    expect(
      practiceFor(
        {
          level: "entry",
          competencies: [
            { id: "strategy", weight: 0.6, evidence: ["strategy"] },
            { id: "cost", weight: 0.4, evidence: ["budget"] },
          ],
        },
        content.bank,
      ),
    ).toEqual({ level: "entry", focus: "cost" });
  });
});

describe("analyzePosting: not a posting", () => {
  it("refuses empty, short, over-long and unrelated text with a clear message", () => {
    expect(problemOf("")).toMatchInlineSnapshot(`
      {
        "message": "This does not look like a job posting: it is empty. Paste the posting's title, responsibilities and requirements.",
        "problem": "empty",
      }
    `);
    expect(problemOf("  \n\t ").problem).toBe("empty");
    expect(problemOf("Operations Manager wanted. Lean, safety and OEE.")).toMatchInlineSnapshot(`
      {
        "message": "This does not look like a job posting: it has 7 words, and a posting has at least 40. Paste the posting's title, responsibilities and requirements.",
        "problem": "too-short",
      }
    `);
    expect(problemOf(`Operations Manager\n${"word ".repeat(4_100)}`)).toMatchInlineSnapshot(`
      {
        "message": "This is too long for a job posting: 20,519 characters, at most 20,000. Paste only the posting's title, responsibilities and requirements.",
        "problem": "too-long",
      }
    `);
    const recipe =
      "Preheat the oven to 200 degrees. Slice two onions and three cloves of garlic, then fry them gently in butter until soft and golden. Add the tomatoes, a pinch of salt and some basil, and let everything simmer for twenty minutes while the pasta cooks in plenty of salted water. Serve with grated cheese.";
    expect(problemOf(recipe)).toMatchInlineSnapshot(`
      {
        "message": "This does not look like a job posting: it names no role, duties or operations skills. Paste the posting's title, responsibilities and requirements.",
        "problem": "no-signals",
      }
    `);
    const lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8);
    expect(problemOf(lorem).problem).toBe("no-signals");
  });

  it("refuses a STAR answer about operations: it has the words, not the shape of a posting", () => {
    const answer =
      "In my last job the inventory in the system did not match the shelves. I ran cycle counts by ABC class, traced the gaps to receiving, changed the process and trained the team. Record accuracy went from 87% to 98% in three months and stockouts fell by half, which saved about $40,000 in expedited freight.";
    expect(problemOf(answer).problem).toBe("no-signals");
  });

  it("takes a posting at the length limit", () => {
    const long = `Operations Manager\n${DUTIES}\n`;
    const text = long + " ".repeat(POSTING_LIMITS.maxChars - long.length);
    expect(analyze(text).level).toBe("mid");
  });
});

const WORDS = [
  "Operations Manager",
  "Director",
  "VP",
  "Senior",
  "Assistant",
  "Coordinator",
  "Job title:",
  "Responsibilities",
  "Requirements",
  "you will",
  "lead",
  "safety",
  "safety stock",
  "OEE",
  "Lean",
  "5S",
  "S&OP",
  "P&L",
  "multi-site",
  "$40M budget",
  "1,200 employees",
  "12 plants",
  "kaizen",
  "inventory",
  "budget",
  "reports to",
  "quality",
  "\n",
  "-",
  ".",
  "$",
  "9",
  "é",
  "😀",
];

describe("analyzePosting: any text", () => {
  it("returns an analysis or a PostingError, never anything else, with sorted weights between 0 and 1", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: "binary", maxLength: 400 }),
      fc.array(fc.constantFrom(...WORDS), { maxLength: 300 }).map((w) => w.join(" ")),
      fc
        .tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 120 }), fc.string({ maxLength: 200 }))
        .map(([w, s]) => `${w.join(" ")} ${s} ${w.reverse().join("\n")}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        let a: ReturnType<typeof analyze>;
        try {
          a = analyze(t);
        } catch (err) {
          expect(err).toBeInstanceOf(PostingError);
          expect((err as PostingError).userMessage).toMatch(/^This /);
          return;
        }
        expect(LEVELS).toContain(a.level);
        expect(a.levelReason.length).toBeGreaterThan(0);
        const weights = a.competencies.map((c) => c.weight);
        expect(weights).toEqual([...weights].sort((x, y) => y - x));
        for (const c of a.competencies) {
          expect(c.weight).toBeGreaterThanOrEqual(0);
          expect(c.weight).toBeLessThanOrEqual(1);
          expect(c.evidence.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads the longest hostile text quickly: numbers, symbols and one word repeated", () => {
    const head = `Operations Manager\n${DUTIES}\n`;
    for (const filler of [
      "9",
      "$9",
      "1,",
      "a-",
      "& ",
      "\n",
      "title:\n",
      "lead ",
      "safety stock ",
      "12 plants ",
    ]) {
      const text = head + filler.repeat(Math.floor((POSTING_LIMITS.maxChars - head.length) / filler.length));
      const started = performance.now();
      analyze(text);
      expect(performance.now() - started, filler).toBeLessThan(1_000);
    }
  });
});

describe("rubrics/posting.yaml", () => {
  it("is checked against the question bank and the lexicon", () => {
    const sources = readContentSources();
    const text = sources.posting.text
      .replace("  customer: [customers,", "  customers: [customers,")
      .replace("ignore_methods: [ab_test, oee]", "ignore_methods: [ab_test, oee, tarot]")
      .replace("version: 1", "version: 0");
    let problems: readonly unknown[] = [];
    try {
      loadContent({ ...sources, posting: { path: "rubrics/posting.yaml", text } });
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      problems = err.problems;
    }
    expect(problems).toEqual([expect.objectContaining({ file: "rubrics/posting.yaml", path: "version" })]);
    const fixed = text.replace("version: 0", "version: 1");
    try {
      loadContent({ ...sources, posting: { path: "rubrics/posting.yaml", text: fixed } });
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      problems = err.problems;
    }
    expect(problems).toEqual([
      {
        file: "rubrics/posting.yaml",
        path: "competency_words.customers",
        message: "no question file has competency customers",
      },
      { file: "rubrics/posting.yaml", path: "ignore_methods[2]", message: "the lexicon has no method tarot" },
    ]);
  });
});
