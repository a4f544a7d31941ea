import { TitledCard } from "@/components/ui/card";
import {
  INVITATION_PAGE_SIZE,
  type InvitationsView,
  invitationsViewToListParams,
} from "@/lib/console/invitations-view";
import { loadInvitations } from "@/lib/console/reads";
import { toPublicError } from "@/lib/errors";
import { BulkInvite } from "./bulk-invite";
import { InvitationsTable } from "./invitations-table";
import { InviteForm } from "./invite-form";

export async function InvitationsPanel({ view, canWrite }: { view: InvitationsView; canWrite: boolean }) {
  let list: Awaited<ReturnType<typeof loadInvitations>> | null = null;
  let error: string | null = null;
  try {
    list = await loadInvitations(invitationsViewToListParams(view));
  } catch (err) {
    error = toPublicError(err).message;
  }
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 lg:grid-cols-2">
        <TitledCard title="Invite someone">
          <InviteForm canWrite={canWrite} />
        </TitledCard>
        <TitledCard title="Bulk invite">
          <BulkInvite canWrite={canWrite} />
        </TitledCard>
      </div>
      {error || !list ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/30 bg-destructive/10 p-4 text-sm text-destructive"
          data-testid="invitations-error"
        >
          Could not load invitations. {error}
        </p>
      ) : (
        <InvitationsTable
          invitations={list.invitations}
          total={list.total_count}
          page={view.page}
          size={INVITATION_PAGE_SIZE}
          canWrite={canWrite}
        />
      )}
    </div>
  );
}
