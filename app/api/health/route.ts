// Public liveness probe (no user data): used by the demo script and deploy checks.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(
    { status: "ok", time: new Date().toISOString() },
    { headers: { "Cache-Control": "no-store" } },
  );
}
