import { z } from "zod";
import { isStorableText } from "@/lib/db/storable-text";
import { CHAT_ID_PATTERN } from "./chat-store";

export const MAX_MESSAGE_CHARS = 8000;

const approvalAnswer = z.strictObject({
  approvalId: z.string().min(1).max(200),
  approved: z.boolean(),
  reason: z.string().max(500).refine(isStorableText, "The reason contains an invalid character.").optional(),
  /** Approving a delete: what the admin typed (checked against the user's email on the server). */
  confirm: z.string().max(320).optional(),
});

/**
 * What the client may send: its new text, or its answers to the pending approvals. Never history:
 * the server rebuilds that from the store, so nothing the client holds can change what runs.
 */
export const chatRequestSchema = z.union([
  z.strictObject({
    chatId: z.string().regex(CHAT_ID_PATTERN, "invalid chat id"),
    message: z.strictObject({
      text: z
        .string()
        .trim()
        .min(1, "empty message")
        .max(MAX_MESSAGE_CHARS)
        .refine(isStorableText, "The message contains a NUL byte or a broken Unicode character."),
    }),
  }),
  z.strictObject({
    chatId: z.string().regex(CHAT_ID_PATTERN, "invalid chat id"),
    approvals: z.array(approvalAnswer).min(1).max(50),
  }),
  z.strictObject({
    chatId: z.string().regex(CHAT_ID_PATTERN, "invalid chat id"),
    regenerate: z.literal(true),
  }),
]);

export type ChatRequest = z.infer<typeof chatRequestSchema>;
