import { chatTranscript } from "@/lib/agent/chat-queries";
import { authorizedRoute } from "@/lib/auth";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = authorizedRoute<{ chatId: string }>("read", async (_request, { auth, params }) =>
  Response.json(await chatTranscript(await getDb(), auth, params.chatId), {
    headers: { "Cache-Control": "no-store" },
  }),
);
