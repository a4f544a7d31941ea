// No zod here: client components (the users filter bar) import this, and zod would ride every console page.

// Extended (2026-12-01T09:30:00Z) or basic (20261201T093000Z) form: the agent's tool results state days
// and instants in the basic form, and the model copies them into filters.
const ISO_DATE =
  /^(\d{4})(-?)(\d{2})\2(\d{2})(?:[T ](\d{2})(:?)(\d{2})(?:\6(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date (`2026-12-01` or `20261201`, midnight UTC) or date-time (`2026-12-01T09:30:00Z` or
 * `20261201T093000Z`; no zone means UTC) as Clerk's millisecond timestamp; undefined when it is not one
 * or names no real day/time.
 */
export function isoToMillis(value: string): number | undefined {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second] = [n(1), n(3), n(4), n(5), n(7), n(8)];
  const fraction = Number(`0.${m[9] ?? "0"}`);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!real) return undefined;
  return utc + Math.round(fraction * 1000) - zoneOffsetMinutes(m[10]) * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone.startsWith("-") ? -minutes : minutes;
}
