"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, isToolUIPart, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import { RotateCcwIcon, SendIcon, SquareIcon } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { SubmitForm } from "@/components/shell/submit-form";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import type { ChatMessage } from "@/lib/agent/chat-message";
import { chatIdHandles, type IdHandles } from "@/lib/agent/id-handles";
import { chatRequestBody } from "./chat-protocol";
import { MessageView } from "./message-parts";

/**
 * The chat's id handles, rebuilt only when a tool output arrives or goes (a retry drops the last
 * reply): streamed text adds no ids, and rebuilding walks every tool output of the chat.
 */
function useChatIdHandles(messages: ChatMessage[]): IdHandles {
  const outputs = toolOutputsKey(messages);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `outputs` changes whenever the handles could
  return useMemo(() => chatIdHandles(messages), [outputs]);
}

/** The count of finished tool outputs and the last one's call id; output parts never change once finished. */
function toolOutputsKey(messages: readonly ChatMessage[]): string {
  let count = 0;
  let last = "";
  for (const message of messages)
    for (const part of message.parts)
      if (isToolUIPart(part) && part.state === "output-available") {
        count++;
        last = part.toolCallId;
      }
  return `${count}:${last}`;
}

/** One conversation. Remount (key = chat id) to switch chats. */
export function ChatSession({
  chatId,
  initialMessages,
  readOnly,
  onActivity,
}: {
  chatId: string;
  initialMessages: ChatMessage[];
  readOnly: boolean;
  onActivity?: () => void;
}) {
  const typed = useRef(new Map<string, string>());
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: ({ id, messages, trigger }) => ({
          body: chatRequestBody(id, messages, trigger, typed.current),
        }),
      }),
    [],
  );
  const { messages, sendMessage, addToolApprovalResponse, status, stop, regenerate, error } =
    useChat<ChatMessage>({
      id: chatId,
      messages: initialMessages,
      transport,
      sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
      onFinish: () => onActivity?.(),
    });
  // The model writes handles (lib/agent/id-handles); its text shows the admin the real ids.
  const handles = useChatIdHandles(messages);
  const [input, setInput] = useState("");
  const endRef = useRef<HTMLDivElement>(null);
  const busy = status === "submitted" || status === "streaming";

  const count = messages.length;
  const lastParts = messages.at(-1)?.parts.length ?? 0;
  useEffect(() => {
    if (count + lastParts > 0) endRef.current?.scrollIntoView?.({ block: "end" });
  }, [count, lastParts]);

  const submit = () => {
    const text = input.trim();
    if (!text || busy) return;
    setInput("");
    void sendMessage({ text });
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3" data-testid="chat-session" data-status={status}>
      <ol
        className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto pr-1"
        aria-live="polite"
        aria-label="Conversation"
      >
        {messages.length === 0 && (
          <li className="text-sm text-muted-foreground">
            Ask about users and invitations, e.g. “show admin@example.com” or “set plan=pro for
            jane@acme.com”.
            {readOnly && " You have read-only access: the assistant cannot change anything."}
          </li>
        )}
        {messages.map((m) => (
          <MessageView
            key={m.id}
            message={m}
            handles={handles}
            onAnswer={(id, approved, reason, confirm) => {
              if (confirm !== undefined) typed.current.set(id, confirm);
              void addToolApprovalResponse({ id, approved, reason });
            }}
          />
        ))}
        {status === "submitted" && <li className="text-xs text-muted-foreground">Thinking…</li>}
        <div ref={endRef} />
      </ol>
      {error && (
        <div
          role="alert"
          className="flex items-center gap-2 rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          <span className="flex-1">{friendlyError(error)}</span>
          <Button size="sm" variant="outline" onClick={() => void regenerate()}>
            <RotateCcwIcon /> Retry
          </Button>
        </div>
      )}
      <SubmitForm className="flex items-end gap-2" onReady={() => submit()}>
        <Textarea
          aria-label="Message the assistant"
          placeholder="Ask the assistant…"
          value={input}
          rows={2}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
          className="min-h-10 flex-1 resize-none text-sm"
        />
        {busy ? (
          <Button type="button" variant="outline" size="icon" aria-label="Stop" onClick={() => void stop()}>
            <SquareIcon />
          </Button>
        ) : (
          <Button type="submit" size="icon" aria-label="Send" disabled={!input.trim()}>
            <SendIcon />
          </Button>
        )}
        {!busy && messages.some((m) => m.role === "assistant") && (
          <Button
            type="button"
            variant="ghost"
            size="icon"
            aria-label="Retry last answer"
            onClick={() => void regenerate()}
          >
            <RotateCcwIcon />
          </Button>
        )}
      </SubmitForm>
    </div>
  );
}

function friendlyError(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message;
  } catch {
    // not JSON: the transport's own message
  }
  return error.message || "The assistant is unavailable. Try again.";
}
