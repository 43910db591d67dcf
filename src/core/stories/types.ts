/** A story as the bank keeps it: what the core needs, whatever else the store holds. */
export interface StoryText {
  id: string;
  title: string;
  text: string;
}

/** A story with what analysis and grading found: its competencies, best first, and its overall 1–5. */
export interface StorySummary {
  id: string;
  title: string;
  competencies: readonly string[];
  /** The story's last overall grade, 1–5; null before it is graded. */
  overall: number | null;
}

export type Story = StoryText & StorySummary;
