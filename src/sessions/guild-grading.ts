import type { OfflineEngine } from "../core/grading/engine.js";
import type { Store } from "../store/store.js";
import type { GradeFn } from "./grader.js";

/**
 * Applies a server's own grading settings on top of the configured grader: LLM grading switched off,
 * or the server's daily token budget spent, means the offline grade (marked as a fallback when the
 * budget was the reason). The server is the one the answer was given in (`who.guildId`: the session
 * service passes the attempt's stored server, also when recovering it or grading it again). Within its
 * budget, the budget goes on to the LLM grader, which reserves each call's tokens against it, so
 * concurrent answers cannot overshoot it either.
 */
export function withGuildSettings(
  grade: GradeFn,
  llm: boolean,
  store: Store,
  offline: OfflineEngine,
  now: () => Date,
): GradeFn {
  if (!llm) return grade;
  return async (input, who) => {
    if (who.guildId === null) return grade(input, who);
    const settings = await store.getGuildSettings(who.guildId);
    if (!settings.llmGrading) return offline.grade(input);
    if (settings.dailyLlmTokens > 0) {
      const spent = await store.tokensSpent(who.userId, who.guildId, now().toISOString().slice(0, 10));
      if (spent.guild >= settings.dailyLlmTokens)
        return { ...(await offline.grade(input)), fallback: "budget_exceeded" };
    }
    return grade(input, { ...who, guildDailyTokens: settings.dailyLlmTokens });
  };
}
