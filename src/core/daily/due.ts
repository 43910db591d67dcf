/** A daily schedule as the due check needs it: the UTC time of day and when it was last set. */
export interface DailySlot {
  time: string;
  updatedAt: string;
}

/** Today's post time for a schedule, as an ISO timestamp. */
export function slotOn(day: string, time: string): string {
  return `${day}T${time}:00.000Z`;
}

/**
 * The UTC day whose question is due now, or null. A day is due once its time has passed, so a bot that
 * was down at that time still posts when it comes back the same day; a schedule set after today's time
 * starts tomorrow, so setting one never posts at once by surprise.
 */
export function dueDay(slot: DailySlot, now: Date): string | null {
  const day = now.toISOString().slice(0, 10);
  const at = slotOn(day, slot.time);
  if (now.toISOString() < at) return null;
  return slot.updatedAt < at ? day : null;
}
