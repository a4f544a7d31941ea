import type { ReactNode } from "react";
import { ChatPanel } from "@/components/chat/chat-panel";
import { ConsoleShell } from "@/components/shell/console-shell";
import { requirePageAccess } from "@/lib/auth";

// Every console request is per-user; nothing here may be prerendered or cached across users.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const me = await requirePageAccess("read");
  return (
    <ConsoleShell user={{ email: me.email, role: me.role }} dock={<ChatPanel role={me.role} />}>
      {children}
    </ConsoleShell>
  );
}
