import { describe, expect, it } from "vitest";
import { readContentSources } from "../../src/content-files.js";
import { ContentError } from "../../src/core/content/errors.js";
import { loadContent } from "../../src/core/content/load.js";
import { gradeAnswer } from "../../src/core/grading/grade.js";
import { LEVELS } from "../../src/core/levels.js";
import { findModelAnswer, modelAnswerText } from "../../src/core/questions/model-answers.js";
import { content } from "../helpers/grade.js";

// The model answers are content: the team's own writing, shown as "a strong answer". Each must be one:
// our own grader gives it 5/5 at its level, and every competency has one at every level it is asked at.

const withAnswers = content.bank.questions.filter((q) => q.model_answer !== undefined);

describe("model answers", () => {
  it("cover every competency at every level it has questions for", () => {
    const missing: string[] = [];
    for (const c of content.bank.competencies)
      for (const level of LEVELS) {
        if (content.bank.filter({ competency: c.id, level }).length === 0) continue;
        if (!withAnswers.some((q) => q.competency === c.id && q.model_answer?.level === level))
          missing.push(`${c.id}/${level}`);
      }
    expect(missing).toEqual([]);
    expect(withAnswers.length).toBeGreaterThanOrEqual(52);
  });

  it.each(withAnswers.map((q) => [q.id, q] as const))("%s grades 5/5, every part full", (_id, q) => {
    const answer = q.model_answer;
    if (!answer) throw new Error("no model answer");
    const grade = gradeAnswer(
      {
        answer: modelAnswerText(answer),
        question: { id: q.id, text: q.text, competency: q.competency, probes: q.probes },
        level: answer.level,
      },
      content,
    );
    expect(grade.overall).toBe(5);
    for (const part of ["situation", "task", "action", "result"] as const)
      expect(grade.criteria[part].score, part).toBeGreaterThanOrEqual(3);
    expect(grade.flags).toMatchObject({
      quantified_result: true,
      baseline_and_after: true,
      method_or_framework: true,
      first_person_ownership: true,
    });
  });

  it("are all different texts, told in the first person", () => {
    const texts = withAnswers.map((q) => (q.model_answer ? modelAnswerText(q.model_answer) : ""));
    expect(new Set(texts).size).toBe(texts.length);
    for (const t of texts) expect(t).toMatch(/\bI\b/);
  });

  it("are found for a question without one through its competency, at the nearest level", () => {
    const without = content.bank.questions.find(
      (q) => !q.model_answer && withAnswers.some((w) => w.competency === q.competency),
    );
    if (!without) throw new Error("every question has its own model answer");
    const level = without.levels[0] ?? "entry";
    const found = findModelAnswer(content.bank, without.id, level);
    expect(found?.sameQuestion).toBe(false);
    expect(found?.question.competency).toBe(without.competency);
    const own = withAnswers[0];
    if (!own?.model_answer) throw new Error("no model answers");
    expect(findModelAnswer(content.bank, own.id, "executive")).toMatchObject({
      sameQuestion: true,
      answer: own.model_answer,
    });
    expect(findModelAnswer(content.bank, "no-such-question", "entry")).toBeUndefined();
  });

  it("are refused at load when too short or at a level their question is not asked at", () => {
    const sources = readContentSources();
    const file = sources.questions.find((f) => f.path.endsWith("safety.yaml"));
    if (!file) throw new Error("no safety.yaml");
    const broken = file.text.replace(
      /(\n {2}- id: saf-stopped-work-unsafe-condition\n)/,
      "$1    model_answer: { level: executive, situation: I saw a hazard., task: Fix it., action: I fixed it., result: It was fixed. }\n",
    );
    expect(broken).not.toBe(file.text);
    const questions = sources.questions.map((f) => (f === file ? { ...f, text: broken } : f));
    let message = "";
    try {
      loadContent({ ...sources, questions });
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      message = err.message;
    }
    expect(message).toContain(
      "questions[0].model_answer.level: executive is not one of the question's levels (entry, mid)",
    );
    expect(message).toMatch(/questions\[0\]\.model_answer: must be 150 to 250 words, has \d+/);
  });
});
