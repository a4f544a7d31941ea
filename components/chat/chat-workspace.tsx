"use client";

import { generateId } from "ai";
import { HistoryIcon, PlusIcon } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ChatMessage } from "@/lib/agent/chat-message";
import type { ChatIndex } from "@/lib/agent/chat-queries";
import { MODEL_NOT_CONFIGURED } from "@/lib/agent/model-status";
import { type ConsoleRole, mayAskAnyWrite } from "@/lib/auth/policy";
import { cn } from "@/lib/utils";
import { ChatSession } from "./chat-session";

const newChatId = () => `chat_${generateId()}`;

/** Model badge, new chat, history of past chats, and the active conversation. */
export function ChatWorkspace({
  role,
  variant,
  modelLabel,
}: {
  role: ConsoleRole;
  variant: "panel" | "page";
  /** Known on the server for the full page; the panel fetches it. */
  modelLabel?: string;
}) {
  const [index, setIndex] = useState<ChatIndex | null>(null);
  const [active, setActive] = useState<{ id: string; messages: ChatMessage[] }>(() => ({
    id: newChatId(),
    messages: [],
  }));
  const [showHistory, setShowHistory] = useState(variant === "page");
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    // The first request after a cold start may wait for the database; try a few times.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const res = await fetch("/api/chat", { cache: "no-store" }).catch(() => null);
      if (res?.ok) {
        setIndex((await res.json()) as ChatIndex);
        return;
      }
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = async (id: string) => {
    setLoadError(null);
    const res = await fetch(`/api/chat/${encodeURIComponent(id)}`, { cache: "no-store" });
    if (!res.ok) {
      setLoadError("That chat could not be loaded.");
      return;
    }
    const body = (await res.json()) as { id: string; messages: ChatMessage[] };
    setActive({ id: body.id, messages: body.messages });
    if (variant === "panel") setShowHistory(false);
  };

  const readOnly = !mayAskAnyWrite(role);
  return (
    <div className={cn("flex min-h-0 flex-1 gap-4", variant === "panel" && "flex-col gap-2")}>
      {showHistory && (
        <nav
          aria-label="Past chats"
          className={cn(
            "grid content-start gap-1 text-sm",
            variant === "page" ? "w-56 shrink-0" : "max-h-48 overflow-y-auto",
          )}
        >
          <p className="text-xs font-medium text-muted-foreground">History</p>
          {(index?.chats ?? []).length === 0 && (
            <p className="text-xs text-muted-foreground">No past chats yet.</p>
          )}
          {index?.chats.map((c) => (
            <button
              type="button"
              key={c.id}
              onClick={() => void open(c.id)}
              aria-current={c.id === active.id ? "true" : undefined}
              className="truncate rounded px-2 py-1 text-left hover:bg-accent aria-[current=true]:bg-accent"
            >
              {c.title ?? "Untitled chat"}
            </button>
          ))}
        </nav>
      )}
      <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant="secondary" data-testid="chat-model">
            Model: {index?.model.label ?? modelLabel ?? "…"}
          </Badge>
          {readOnly && (
            <Badge variant="outline" data-testid="chat-read-only">
              Read-only: no write tools
            </Badge>
          )}
          <div className="ml-auto flex gap-1">
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setShowHistory((v) => !v)}
              aria-pressed={showHistory}
            >
              <HistoryIcon /> History
            </Button>
            <Button size="sm" variant="outline" onClick={() => setActive({ id: newChatId(), messages: [] })}>
              <PlusIcon /> New chat
            </Button>
          </div>
        </div>
        {index?.model.kind === "unconfigured" && (
          <p className="text-sm text-destructive" data-testid="chat-not-configured">
            {MODEL_NOT_CONFIGURED}
          </p>
        )}
        {loadError && <p className="text-sm text-destructive">{loadError}</p>}
        <ChatSession
          key={active.id}
          chatId={active.id}
          initialMessages={active.messages}
          readOnly={readOnly}
          onActivity={() => void refresh()}
        />
      </div>
    </div>
  );
}
