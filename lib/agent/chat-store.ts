import type { UIMessage } from "ai";
import { and, asc, desc, eq, gte } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { type ChatRow, chatMessages, chats } from "@/lib/db/schema";
import { scrubSecrets } from "./secret-parts";

export const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** The chat if it belongs to this admin; someone else's chat is reported as absent. */
export async function findOwnChat(db: Db, chatId: string, adminUserId: string): Promise<ChatRow | null> {
  const [row] = await db.select().from(chats).where(eq(chats.id, chatId)).limit(1);
  if (!row || row.adminUserId !== adminUserId) return null;
  return row;
}

/**
 * Creates the chat. `created` tells whether this call made it (then it has no messages and no
 * approvals yet); null when the id is already taken by another admin.
 */
export async function createChat(
  db: Db,
  chat: { id: string; adminUserId: string; title: string; model: string },
): Promise<{ chat: ChatRow; created: boolean } | null> {
  const [inserted] = await db
    .insert(chats)
    .values({ id: chat.id, adminUserId: chat.adminUserId, title: chat.title.slice(0, 80), model: chat.model })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { chat: inserted, created: true };
  const existing = await findOwnChat(db, chat.id, chat.adminUserId);
  return existing ? { chat: existing, created: false } : null;
}

export async function loadMessages(db: Db, chatId: string): Promise<UIMessage[]> {
  const rows = await db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.chatId, chatId))
    .orderBy(asc(chatMessages.seq));
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    parts: row.parts as UIMessage["parts"],
    ...(row.metadata != null ? { metadata: row.metadata } : {}),
  }));
}

/**
 * Writes the transcript from position `from` on (earlier messages are unchanged) in one transaction,
 * so the stored history is always one consistent sequence.
 */
export async function saveMessages(
  db: Db,
  chatId: string,
  messages: readonly UIMessage[],
  from = 0,
): Promise<void> {
  const start = Math.max(0, Math.min(from, messages.length));
  await db.transaction(async (tx) => {
    await tx.delete(chatMessages).where(and(eq(chatMessages.chatId, chatId), gte(chatMessages.seq, start)));
    const tail = messages.slice(start);
    if (tail.length > 0) {
      await tx.insert(chatMessages).values(
        tail.map((m, i) => ({
          id: m.id,
          chatId,
          seq: start + i,
          role: m.role,
          parts: scrubSecrets(m.parts) as unknown as object,
          metadata: (m.metadata ?? null) as object | null,
        })),
      );
    }
    await tx.update(chats).set({ updatedAt: new Date() }).where(eq(chats.id, chatId));
  });
}

export async function listChats(db: Db, adminUserId: string, limit = 50) {
  const rows = await db
    .select()
    .from(chats)
    .where(eq(chats.adminUserId, adminUserId))
    .orderBy(desc(chats.updatedAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    model: r.model,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
