import type { UIMessage } from "ai";
import { describe, expect, it } from "vitest";
import { chatRequestBody } from "./chat-protocol";

describe("chatRequestBody", () => {
  const user: UIMessage = { id: "u", role: "user", parts: [{ type: "text", text: "hi" }] };
  const assistant = {
    id: "a",
    role: "assistant",
    parts: [
      {
        type: "tool-updateUserMetadata",
        toolCallId: "c1",
        state: "approval-responded",
        input: { user_id: "user_1" },
        approval: { id: "ap1", approved: false, reason: "no" },
      },
      {
        type: "tool-banUser",
        toolCallId: "c2",
        state: "approval-responded",
        input: { user_id: "user_2" },
        approval: { id: "ap2", approved: true },
      },
    ],
  } as unknown as UIMessage;

  it("sends only the new text, never the history", () => {
    expect(chatRequestBody("chat_1", [assistant, user], "submit-message")).toEqual({
      chatId: "chat_1",
      message: { text: "hi" },
    });
  });

  it("sends only approval answers (no arguments) after the cards are answered", () => {
    const body = chatRequestBody("chat_1", [user, assistant], "submit-message");
    expect(body).toEqual({
      chatId: "chat_1",
      approvals: [
        { approvalId: "ap1", approved: false, reason: "no" },
        { approvalId: "ap2", approved: true },
      ],
    });
    expect(JSON.stringify(body)).not.toContain("user_1");
  });

  it("asks the server to retry", () => {
    expect(chatRequestBody("chat_1", [user], "regenerate-message")).toEqual({
      chatId: "chat_1",
      regenerate: true,
    });
  });
});
