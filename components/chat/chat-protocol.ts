import { isToolUIPart, type UIMessage } from "ai";

/**
 * The request body the server accepts: the new text, the answers to this step's approvals, or a
 * retry. The transcript itself never leaves the server.
 */
export function chatRequestBody(
  chatId: string,
  messages: readonly UIMessage[],
  trigger: "submit-message" | "regenerate-message" | "resume-stream",
  /** What the admin typed to approve a delete, by approval id (the SDK's answer has no room for it). */
  typed: ReadonlyMap<string, string> = new Map(),
): Record<string, unknown> {
  if (trigger === "regenerate-message") return { chatId, regenerate: true };
  const last = messages.at(-1);
  if (last?.role === "user") {
    const text = last.parts.map((p) => (p.type === "text" ? p.text : "")).join("\n");
    return { chatId, message: { text } };
  }
  const approvals = (last?.parts ?? []).flatMap((part) =>
    isToolUIPart(part) && part.state === "approval-responded"
      ? [
          {
            approvalId: part.approval.id,
            approved: part.approval.approved,
            ...(part.approval.reason ? { reason: part.approval.reason } : {}),
            ...(part.approval.approved && typed.has(part.approval.id)
              ? { confirm: typed.get(part.approval.id) }
              : {}),
          },
        ]
      : [],
  );
  return { chatId, approvals };
}

export function toolNameOf(part: { type: string }): string {
  return part.type.startsWith("tool-") ? part.type.slice(5) : part.type;
}
