"use client";

import { isToolUIPart } from "ai";
import { LoaderIcon } from "lucide-react";
import type { ApprovalCardData, ChatMessage } from "@/lib/agent/chat-message";
import type { IdHandles } from "@/lib/agent/id-handles";
import { ApprovalCard } from "./approval-card";
import { toolNameOf } from "./chat-protocol";
import { ToolErrorCard, ToolResultCard } from "./tool-result-card";

type Answer = (approvalId: string, approved: boolean, reason?: string, confirm?: string) => void;

function cardData(message: ChatMessage, approvalId: string): ApprovalCardData | undefined {
  for (const part of message.parts) {
    if (part.type === "data-approval" && part.id === approvalId) return part.data;
  }
  return undefined;
}

export function MessageView({
  message,
  onAnswer,
  handles,
}: {
  message: ChatMessage;
  onAnswer: Answer;
  /** The chat's id handles: the assistant's text shows the ids they stand for. */
  handles: IdHandles;
}) {
  const isUser = message.role === "user";
  return (
    <li
      data-testid={isUser ? "user-message" : "assistant-message"}
      className={
        isUser
          ? "ml-8 self-end rounded-lg bg-primary px-3 py-2 text-sm text-primary-foreground"
          : "grid gap-2 text-sm"
      }
    >
      {message.parts.map((part, index) => {
        const key = `${message.id}-${index}`;
        if (part.type === "text") {
          return (
            <p key={key} className="whitespace-pre-wrap">
              {isUser ? part.text : handles.expandText(part.text)}
            </p>
          );
        }
        if (!isToolUIPart(part)) return null;
        const toolName = toolNameOf(part);
        switch (part.state) {
          case "input-streaming":
          case "input-available":
            return (
              <p key={key} className="flex items-center gap-1 text-xs text-muted-foreground">
                <LoaderIcon className="size-3 animate-spin" /> Running {toolName}…
              </p>
            );
          case "approval-requested":
            return (
              <ApprovalCard
                key={key}
                data={cardData(message, part.approval.id)}
                toolName={toolName}
                input={part.input}
                decision={null}
                onAnswer={(approved, reason, confirm) =>
                  onAnswer(part.approval.id, approved, reason, confirm)
                }
              />
            );
          case "approval-responded":
          case "output-denied":
            return (
              <ApprovalCard
                key={key}
                data={part.approval ? cardData(message, part.approval.id) : undefined}
                toolName={toolName}
                input={part.input}
                decision={{ approved: part.approval?.approved ?? false, reason: part.approval?.reason }}
              />
            );
          case "output-available":
            return (
              <div key={key} className="grid gap-1" data-tool={toolName}>
                {part.approval && (
                  <p className="text-xs font-medium text-success">Approved and applied: {toolName}</p>
                )}
                <ToolResultCard part={part} />
              </div>
            );
          case "output-error":
            return <ToolErrorCard key={key} text={part.errorText} />;
          default:
            return null;
        }
      })}
    </li>
  );
}
