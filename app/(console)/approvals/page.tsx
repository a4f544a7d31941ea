import { PageHeader } from "@/components/shell/page-header";
import { PlaceholderNotice } from "@/components/shell/placeholder-notice";
import { requirePageAccess } from "@/lib/auth";

export default async function ApprovalsPage() {
  const me = await requirePageAccess("read");
  return (
    <>
      <PageHeader title="Approvals" description="Writes proposed by agents and jobs, waiting for a human." />
      <PlaceholderNotice section="approvals inbox" role={me.role} />
    </>
  );
}
