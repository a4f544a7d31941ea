import { ChatWorkspace } from "@/components/chat/chat-workspace";
import { PageHeader } from "@/components/shell/page-header";
import { activeModel } from "@/lib/agent/runtime";
import { requirePageAccess } from "@/lib/auth";

export default async function ChatPage() {
  const me = await requirePageAccess("read");
  return (
    <div className="flex h-[calc(100vh-8rem)] flex-col gap-4">
      <PageHeader title="Chat" description="Ask the assistant; every change waits for your approval." />
      <ChatWorkspace role={me.role} variant="page" modelLabel={activeModel().label} />
    </div>
  );
}
