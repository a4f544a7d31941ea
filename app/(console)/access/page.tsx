import { AccessListPanel } from "@/components/access/access-list-panel";
import { PageHeader } from "@/components/shell/page-header";
import { ResultError } from "@/components/shell/result-states";
import { can, requirePageAccess } from "@/lib/auth";
import { fetchAccessList } from "@/lib/clerk/actions/access-list-shared";
import { getClerkClient } from "@/lib/clerk/client";
import { toPublicError } from "@/lib/errors";

export default async function AccessPage() {
  const me = await requirePageAccess("read");
  const canWrite = can(me.role, "write");
  const header = (
    <PageHeader
      title="Access lists"
      description="Who may sign up: identifiers on the allow-list and the block-list. Every change is approved and audited."
    />
  );
  let lists: Awaited<ReturnType<typeof fetchAccessList>>[];
  try {
    const clerk = getClerkClient();
    lists = await Promise.all([fetchAccessList(clerk, "allowlist"), fetchAccessList(clerk, "blocklist")]);
  } catch (err) {
    return (
      <>
        {header}
        <ResultError
          data-testid="access-error"
          title="Could not load the access lists."
          messages={[toPublicError(err).message]}
        />
      </>
    );
  }
  const [allowlist = [], blocklist = []] = lists;
  return (
    <>
      {header}
      <div className="grid gap-4 lg:grid-cols-2">
        <AccessListPanel
          list="allowlist"
          description="When the allow-list is on in Clerk, only these may sign up and sign in."
          identifiers={allowlist}
          canWrite={canWrite}
        />
        <AccessListPanel
          list="blocklist"
          description="When the block-list is on, these may not sign up, accept an invitation or sign in. Invitations to them are refused."
          identifiers={blocklist}
          canWrite={canWrite}
        />
      </div>
    </>
  );
}
