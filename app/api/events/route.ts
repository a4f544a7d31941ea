import { authorizedRoute } from "@/lib/auth";
import { createChangeEventStream } from "@/lib/webhooks/event-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Server-Sent Events for open console pages: `event: change`, data `{ id, kind, user_id }`. */
export const GET = authorizedRoute("read", async (request) => {
  const lastEventId = Number(request.headers.get("last-event-id") ?? "");
  const stream = createChangeEventStream({
    lastEventId: Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : null,
    signal: request.signal,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
