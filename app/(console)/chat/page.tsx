import { ChatWorkspace } from "@/components/chat/chat-workspace";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageAccess } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { activeModel } from "@/lib/runtime/deps";

export default async function ChatPage() {
  const me = await requirePageAccess("read");
  // Opening the embedded database can take seconds on a cold start; begin while the admin types.
  void getDb().catch(() => {});
  return (
    <div className="flex h-[calc(100vh-8rem)] flex-col gap-4">
      <PageHeader title="Chat" description="Ask the assistant; every change waits for your approval." />
      <ChatWorkspace role={me.role} variant="page" modelLabel={activeModel().label} />
    </div>
  );
}
