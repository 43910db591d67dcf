import type { NewStory } from "../../src/store/records.js";
import { grade } from "./grade.js";

/** A story of the bank and three retellings of it, each alike enough to be matched to it. */
export const KAIZEN =
  "At our pump assembly plant in Tulsa, the final line missed its daily target of 120 pumps most weeks and changeovers took 95 minutes. As the line supervisor I had to raise output without overtime. I ran a five-day kaizen with operators, filmed every changeover, moved tool kits to shadow boards at each station and split the work into internal and external steps. Changeover time fell from 95 to 38 minutes, daily output rose from 104 to 131 pumps, and overtime dropped by 30%.";
export const KAIZEN_RETOLD = [
  "Our Tulsa pump line kept missing its 120-pump daily target because changeovers took 95 minutes. I was the supervisor and had to lift output with no overtime. I led a five-day kaizen event with the operators: we filmed each changeover, put tool kits on shadow boards at every station and separated internal from external steps. Changeovers fell from 95 to 38 minutes, output went from 104 to 131 pumps a day and overtime fell 30%.",
  "When I supervised final assembly at the Tulsa pump plant, changeovers were eating 95 minutes and we rarely made 120 pumps a day. I got the operators together for a week-long kaizen, filmed the changeovers, added shadow boards with the tool kits at each station and moved external steps out of the downtime. We cut changeover to 38 minutes, made 131 pumps a day instead of 104, and used 30% less overtime.",
  "A team I led at the Tulsa pump plant disagreed about how to fix the final line, which missed its 120 pumps a day. I brought the operators into a five-day kaizen so they owned the fix: we filmed the 95-minute changeovers, set up shadow boards for the tool kits and split internal and external steps. Changeovers dropped to 38 minutes, output rose from 104 to 131 pumps and overtime fell by 30%.",
] as const;

/** A second story, and an answer that retells neither. */
export const DISPATCH =
  "At our Memphis distribution center, on-time dispatch had fallen to 84% during peak. As the outbound analyst, I had to get it above 97% in eight weeks without adding headcount. I mapped six weeks of scan data and moved wave release from two hours to every 30 minutes. On-time dispatch rose from 84% to 98% in six weeks and overtime fell by 25%.";
export const UNRELATED =
  "At our Columbus distribution center, cycle counts showed 91% location accuracy last spring. As the inventory analyst, my goal was to reach 98% location accuracy within six months. I ran a Pareto on six months of adjustment records in SQL and moved fast movers to weekly ABC cycle counts. Accuracy rose from 91% to 98.5% in five months and short shipments fell by 70%.";

/** The two stories as the store keeps them, graded by the offline grader. */
export function bankStories(userId: string, at = "2026-01-05T10:00:00.000Z"): NewStory[] {
  const story = (id: string, title: string, text: string, competencies: string[]): NewStory => ({
    id,
    userId,
    title,
    text,
    parts: null,
    competencies,
    competenciesEdited: false,
    level: "mid",
    grade: grade(text),
    graderVersion: "offline-1",
    at,
  });
  return [
    story(`${userId}-kaizen`, "Pump line kaizen", KAIZEN, ["process-improvement", "scheduling"]),
    story(`${userId}-dispatch`, "Dispatch cutoff at Memphis", DISPATCH, ["supply-chain", "analytics"]),
  ];
}
