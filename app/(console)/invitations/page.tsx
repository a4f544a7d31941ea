import { InvitationsPanel } from "@/components/invitations/invitations-panel";
import { PageHeader } from "@/components/shell/page-header";
import { NuqsProvider } from "@/components/users/nuqs-provider";
import { can, requirePageAccess } from "@/lib/auth";
import { loadInvitationsSearchParams, normalizeInvitationsView } from "@/lib/console/invitations-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function InvitationsPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageAccess("read");
  const view = normalizeInvitationsView(await loadInvitationsSearchParams(searchParams));
  return (
    <NuqsProvider>
      <PageHeader
        title="Invitations"
        description="Invite people one by one or in bulk; revoke pending invitations."
      />
      <InvitationsPanel view={view} canWrite={can(me.role, "write")} />
    </NuqsProvider>
  );
}
