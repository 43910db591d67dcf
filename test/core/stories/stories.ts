import type { Story } from "../../../src/core/stories/types.js";

/** Stories a user might keep, each clearly about one or two competencies. */
export const PICK_PATH = `At our Columbus DC the pickers on my shift walked almost 9 miles a night because fast-moving SKUs were slotted wherever a location was free.
As the inventory analyst I pulled 60 days of pick history, ranked 3,100 SKUs by velocity and re-slotted the top 250 next to the pack stations.
I redrew the pick path as a single loop to cut the travel waste and wrote standard work for replenishment of the new pick faces.
Lines per hour rose from 92 to 121 and mis-picks fell by 30%.`;

export const LOCKOUT = `A technician on our press line reached into the die to clear a jam without isolating the machine, and the light curtain was the only thing that stopped an injury.
I led the investigation and found that lockout/tagout was skipped on jam clears because full isolation took 12 minutes.
With maintenance I added a local isolation point, rewrote the LOTO procedure for jams and trained every operator on the line.
LOTO audit compliance went from 70% to 100% and we had no repeat near miss in the next year.`;

export const PUMP_KAIZEN = `On the pump assembly line lead time was 14 days and work in process piled up between machining and assembly.
I led a kaizen week with the operators, mapped the value stream and found parts were waiting 80% of the time.
We cut batch sizes from 200 to 50, put a kanban loop between the cells and balanced the stations to takt.
Lead time fell to 6 days and WIP dropped by 60%.`;

export const OVERTIME = `Overtime at our packaging plant was 14% of labor hours and we were $45,000 over the labor budget every month.
I analysed the timecards and found most overtime covered absences on the Friday night shift.
I built a float pool of six cross-trained operators and reviewed overtime daily with the supervisors.
Overtime fell to 5% and we finished the year $380,000 under the labor budget.`;

export const SUPPLIER_FIRE = `A fire shut down our only supplier of a molded housing and we had four weeks of stock for a line shipping $2M a month.
I qualified a second source in three weeks, ran the first-article inspection on site and air-freighted the first 5,000 parts.
We missed no customer shipment; dual sourcing costs 4% more per part and leadership kept it as insurance.`;

export const story = (
  id: string,
  title: string,
  text: string,
  competencies: string[],
  overall: number | null,
): Story => ({
  id,
  title,
  text,
  competencies,
  overall,
});
