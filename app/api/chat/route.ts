import { handleChatRequest } from "@/lib/agent/chat-handler";
import { chatIndex } from "@/lib/agent/chat-queries";
import { authorizedRoute } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { activeModel, chatDeps } from "@/lib/runtime/deps";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const POST = authorizedRoute("read", async (request, { auth }) => {
  const body: unknown = await request.json().catch(() => undefined);
  return handleChatRequest(await chatDeps(auth, body, request.signal));
});

export const GET = authorizedRoute("read", async (_request, { auth }) => {
  const { model: _model, ...info } = activeModel();
  return Response.json(await chatIndex(await getDb(), auth, info), {
    headers: { "Cache-Control": "no-store" },
  });
});
