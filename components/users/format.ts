// Deterministic UTC formatting so server-rendered and hydrated markup match in any browser timezone.
export function formatDateTime(ms: number | null | undefined): string {
  if (!ms) return "—";
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDate(ms: number | null | undefined): string {
  if (!ms) return "—";
  return new Date(ms).toISOString().slice(0, 10);
}
