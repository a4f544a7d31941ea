import { PageHeader } from "@/components/shell/page-header";
import { PlaceholderNotice } from "@/components/shell/placeholder-notice";
import { requirePageAccess } from "@/lib/auth";

export default async function ChatPage() {
  const me = await requirePageAccess("read");
  return (
    <>
      <PageHeader title="Chat" description="Ask the agent; every write waits for your approval." />
      <PlaceholderNotice section="agent chat" role={me.role} />
    </>
  );
}
