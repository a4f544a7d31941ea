"use client";

import { PanelRightCloseIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import type { ConsoleRole } from "@/lib/auth/policy";

// The chat client (AI SDK UI, cards, markdown) loads when the panel opens, not with every console
// page: it is most of the console's JavaScript and the panel starts collapsed.
const ChatWorkspace = dynamic(() => import("./chat-workspace").then((m) => m.ChatWorkspace), {
  ssr: false,
  loading: () => <p className="p-2 text-sm text-muted-foreground">Loading the assistant…</p>,
});

const STORAGE_KEY = "console.chat-panel.open";

/** The assistant docked on every console page; collapsible, remembered per browser. Hidden on /chat. */
export function ChatPanel({ role }: { role: ConsoleRole }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    setOpen(window.localStorage.getItem(STORAGE_KEY) === "1");
  }, []);

  const toggle = (next: boolean) => {
    setOpen(next);
    window.localStorage.setItem(STORAGE_KEY, next ? "1" : "0");
  };

  if (role === "none" || pathname === "/chat") return null;
  if (!open) {
    return (
      <Button
        className="fixed right-4 bottom-4 z-30 shadow-md"
        onClick={() => toggle(true)}
        aria-expanded={false}
        aria-controls="chat-panel"
      >
        <SpriteIcon name="message-square" /> Assistant
      </Button>
    );
  }
  return (
    <aside
      id="chat-panel"
      aria-label="Assistant"
      data-testid="chat-panel"
      className="sticky top-14 flex h-[calc(100vh-3.5rem)] w-full max-w-sm shrink-0 flex-col gap-2 border-l border-border bg-card p-3 max-md:fixed max-md:inset-y-0 max-md:right-0 max-md:z-50 max-md:top-0 max-md:h-screen"
    >
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-semibold">Assistant</h2>
        <Button
          size="icon"
          variant="ghost"
          className="ml-auto"
          aria-label="Collapse assistant"
          aria-expanded
          onClick={() => toggle(false)}
        >
          <PanelRightCloseIcon />
        </Button>
      </div>
      <ChatWorkspace role={role} variant="panel" />
    </aside>
  );
}
