/** "Paris, FR", else the country, else "—". */
export function placeOf(a: { city?: string | null; country?: string | null } | null | undefined): string {
  if (!a) return "—";
  if (a.city && a.country) return `${a.city}, ${a.country}`;
  return a.city || a.country || "—";
}

export function deviceOf(device: string | null | undefined, browser: string | null | undefined): string {
  return [device, browser].filter(Boolean).join(" · ") || "—";
}
