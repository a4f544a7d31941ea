import { isToolUIPart, type UIMessage } from "ai";

type Part = UIMessage["parts"][number];
type ApprovalPart = Part & { toolCallId: string; state: string; approval?: { id: string } };

export function isApprovalRequested(part: Part): part is ApprovalPart {
  return isToolUIPart(part) && part.state === "approval-requested";
}

export function lastAssistant(messages: readonly UIMessage[]): UIMessage | undefined {
  const last = messages.at(-1);
  return last?.role === "assistant" ? last : undefined;
}

export function pendingApprovalIds(message: UIMessage | undefined): string[] {
  if (!message) return [];
  return message.parts.flatMap((p) => (isApprovalRequested(p) && p.approval ? [p.approval.id] : []));
}

/** Marks answered cards in the stored message (the server's copy, not the client's). */
export function applyAnswers(
  message: UIMessage,
  answers: ReadonlyMap<string, { approved: boolean; reason?: string | undefined }>,
): UIMessage {
  return {
    ...message,
    parts: message.parts.map((part) => {
      if (!isApprovalRequested(part) || !part.approval) return part;
      const answer = answers.get(part.approval.id);
      if (!answer) return part;
      return {
        ...part,
        state: "approval-responded",
        approval: {
          ...part.approval,
          approved: answer.approved,
          ...(answer.reason ? { reason: answer.reason } : {}),
        },
      } as Part;
    }),
  };
}

/** What became of a card decided outside the chat (lib/agent/card-outcomes). */
export type CardOutcome =
  | { kind: "applied"; output: unknown }
  | { kind: "failed"; errorText: string }
  | { kind: "denied"; reason: string };

/** Puts the decision actually taken on each open card it names: applied (with its result), failed or denied. */
export function applyOutcomes(
  messages: readonly UIMessage[],
  outcomes: ReadonlyMap<string, CardOutcome>,
): UIMessage[] {
  if (outcomes.size === 0) return [...messages];
  return messages.map((message) => ({
    ...message,
    parts: message.parts.map((part) => {
      if (!isApprovalRequested(part) || !part.approval) return part;
      const outcome = outcomes.get(part.approval.id);
      if (!outcome) return part;
      if (outcome.kind === "denied")
        return {
          ...part,
          state: "output-denied",
          approval: { ...part.approval, approved: false, reason: outcome.reason },
        } as Part;
      const approval = { ...part.approval, approved: true };
      return (
        outcome.kind === "applied"
          ? { ...part, state: "output-available", output: outcome.output, approval }
          : { ...part, state: "output-error", errorText: outcome.errorText, approval }
      ) as Part;
    }),
  }));
}

/** Cards left unanswered when the admin moves on become denied, so the model sees them as not done. */
export function closeUnanswered(messages: readonly UIMessage[], reason: string): UIMessage[] {
  return messages.map((message) =>
    message.role !== "assistant"
      ? message
      : {
          ...message,
          parts: message.parts.map((part) =>
            isApprovalRequested(part) && part.approval
              ? ({
                  ...part,
                  state: "output-denied",
                  approval: { ...part.approval, approved: false, reason },
                } as Part)
              : part,
          ),
        },
  );
}

export function lastUserText(messages: readonly UIMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const m = messages[i];
    if (m?.role === "user") {
      return (
        m.parts
          .map((p) => (p.type === "text" ? p.text : ""))
          .join(" ")
          .trim() || null
      );
    }
  }
  return null;
}
