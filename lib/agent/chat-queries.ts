import type { UIMessage } from "ai";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { decidedElsewhere } from "./card-outcomes";
import type { ModelInfo } from "./chat-handler";
import { CHAT_ID_PATTERN, findOwnChat, listChats, loadMessages } from "./chat-store";
import { allowPrivateMetadata } from "./redact";
import { applyOutcomes } from "./transcript";

/** The chat panel's index: the model in use and the admin's past chats, newest first. */
export type ChatIndex = Awaited<ReturnType<typeof chatIndex>>;

export async function chatIndex(db: Db, auth: Actor, model: ModelInfo) {
  return { model: { label: model.label, kind: model.kind }, chats: await listChats(db, auth.userId) };
}

/** One chat's stored transcript, for its owner only; another admin's chat is reported missing. */
export async function chatTranscript(
  db: Db,
  auth: Actor,
  chatId: string,
): Promise<{ id: string; messages: UIMessage[] }> {
  if (!CHAT_ID_PATTERN.test(chatId)) throw new AppError("bad_request", "Invalid chat id.");
  const chat = await findOwnChat(db, chatId, auth.userId);
  if (!chat) throw AppError.notFound("Chat", chatId);
  const messages = await loadMessages(db, chat.id);
  // A card decided in the approvals inbox reads as decided here too, before the next message stores it.
  return {
    id: chat.id,
    messages: applyOutcomes(messages, await decidedElsewhere(db, messages, allowPrivateMetadata())),
  };
}
