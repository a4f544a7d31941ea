// A standing approval's bounds, and whether a firing's writes fit in them.
import { z } from "zod";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { metadataKeysOf } from "./rule";

const MAX_TTL_MS = 366 * 86_400_000;

export const boundsSchema = z.strictObject({
  actions: z.array(z.string().min(1).max(100)).min(1).max(10),
  metadataKeys: z.array(z.string().min(1).max(200)).max(50).default([]),
  maxPerHour: z.coerce.number().int().min(1).max(1000),
  maxPerDay: z.coerce.number().int().min(1).max(10_000),
  expiresAt: z.coerce.date(),
});
export type Bounds = z.output<typeof boundsSchema>;

export function parseBounds(input: unknown, now: Date = new Date()): Bounds {
  const parsed = boundsSchema.safeParse(input);
  if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error), "The bounds are not valid.");
  const b = parsed.data;
  const t = b.expiresAt.getTime();
  if (!Number.isFinite(t) || t <= now.getTime() || t > now.getTime() + MAX_TTL_MS)
    throw AppError.validation({ expiresAt: ["Pick a date in the future, at most a year away."] });
  if (b.maxPerDay < b.maxPerHour) throw AppError.validation({ maxPerDay: ["At least the hourly bound."] });
  return b;
}

export interface PlannedWrite {
  action: string;
  input: Record<string, unknown>;
}

/** Why these writes fall outside the bounds (actions and metadata keys), or null when they fit. */
export function outsideBounds(bounds: Bounds, writes: readonly PlannedWrite[]): string | null {
  for (const w of writes) {
    if (!bounds.actions.includes(w.action)) return `${w.action} is not among the approved actions.`;
    const keys = metadataKeysOf(w.input).filter((k) => !bounds.metadataKeys.includes(k));
    if (keys.length > 0) return `metadata key ${keys.join(", ")} is not among the approved keys.`;
  }
  return null;
}
