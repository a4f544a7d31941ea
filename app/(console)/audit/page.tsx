import { Suspense } from "react";
import { AuditResults } from "@/components/audit/audit-results";
import { AuditToolbar } from "@/components/audit/audit-toolbar";
import { PageHeader } from "@/components/shell/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { NuqsProvider } from "@/components/users/nuqs-provider";
import { loadAuditSearchParams, normalizeAuditView, serializeAuditView } from "@/lib/audit/view-params";
import { can, requirePageAccess } from "@/lib/auth";
import { writeActions } from "@/lib/clerk/registry";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const ACTIONS = writeActions.map((a) => a.name);
const SKELETON_ROWS = ["s1", "s2", "s3", "s4", "s5", "s6"];

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
          fallback={
            <div className="grid gap-2" data-testid="audit-loading">
              {SKELETON_ROWS.map((k) => (
                <Skeleton key={k} className="h-12 w-full" />
              ))}
            </div>
          }
        >
          <AuditResults view={view} canWrite={can(me.role, "write")} />
        </Suspense>
      </div>
    </NuqsProvider>
  );
}
