import { Suspense } from "react";
import { AuditResults } from "@/components/audit/audit-results";
import { AuditToolbar } from "@/components/audit/audit-toolbar";
import { TableSkeleton } from "@/components/shell/loading-skeletons";
import { PageHeader } from "@/components/shell/page-header";
import { NuqsProvider } from "@/components/users/nuqs-provider";
import { loadAuditSearchParams, normalizeAuditView, serializeAuditView } from "@/lib/audit/view-params";
import { can, requirePageAccess } from "@/lib/auth";
import { writeActions } from "@/lib/clerk/registry";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const ACTIONS = writeActions.map((a) => a.name);

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageAccess("read");
  const view = normalizeAuditView(await loadAuditSearchParams(searchParams));
  return (
    <NuqsProvider>
      <PageHeader
        title="Audit"
        description="Every write from the console, the agent and undo: who, what, approved by whom, before and after."
      />
      <div className="grid gap-4">
        <AuditToolbar actions={ACTIONS} />
        <Suspense
          key={serializeAuditView(view)}
          fallback={<TableSkeleton label="Loading the audit log" rows={6} />}
        >
          <AuditResults view={view} canWrite={can(me.role, "write")} />
        </Suspense>
      </div>
    </NuqsProvider>
  );
}
