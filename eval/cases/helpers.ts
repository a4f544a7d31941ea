import type { Category, EvalCase, Turn } from "../types";

/** A one-turn case. */
export function ask(category: Category, id: string, turn: Turn): EvalCase {
  return { id, category, turns: [turn] };
}

/** The user id of a seeded email, as a matcher. */
export const uid = (email: string) => ({ $userId: email });
