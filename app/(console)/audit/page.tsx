import { PageHeader } from "@/components/shell/page-header";
import { PlaceholderNotice } from "@/components/shell/placeholder-notice";
import { requirePageAccess } from "@/lib/auth";

export default async function AuditPage() {
  const me = await requirePageAccess("read");
  return (
    <>
      <PageHeader title="Audit" description="Who changed what, approved by whom, with before and after." />
      <PlaceholderNotice section="audit log" role={me.role} />
    </>
  );
}
