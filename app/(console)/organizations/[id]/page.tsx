import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteOrganization } from "@/components/organizations/delete-organization";
import { OrganizationInvitations } from "@/components/organizations/organization-invitations";
import { OrganizationMembers } from "@/components/organizations/organization-members";
import { OrganizationMetadata } from "@/components/organizations/organization-metadata";
import { OrganizationProfileForm } from "@/components/organizations/organization-profile-form";
import { DetailField, DetailSection } from "@/components/shell/detail-section";
import { Badge } from "@/components/ui/badge";
import { TitledCard } from "@/components/ui/card";
import { formatDateTime } from "@/components/users/format";
import { can, requirePageAccess } from "@/lib/auth";
import { loadOrganizationPage } from "@/lib/console/organization-reads";
import { isAppError } from "@/lib/errors";

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read");
  const canWrite = can(me.role, "write");
  const { id } = await params;
  if (!/^org_[A-Za-z0-9]+$/.test(id)) notFound();
  let data: Awaited<ReturnType<typeof loadOrganizationPage>>;
  try {
    data = await loadOrganizationPage(id);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
  const { organization: org, members, invitations, roles } = data;
  return (
    <div className="grid gap-6">
      <Link
        href="/organizations"
        className="text-sm text-muted-foreground underline-offset-4 hover:underline"
      >
        ← All organizations
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="organization-name">
            {org.name}
          </h1>
          <p className="font-mono text-xs text-muted-foreground">
            {org.id} · <span data-testid="organization-slug">{org.slug}</span>
          </p>
        </div>
        {org.missing_admin && (
          <Badge variant="warning" data-testid="organization-no-admin">
            No admin
          </Badge>
        )}
      </div>
      {!canWrite && (
        <p
          className="rounded border border-border bg-muted/50 p-2 text-sm text-foreground/80"
          data-testid="read-only-note"
        >
          You have read-only access: changes are disabled.
        </p>
      )}
      <TitledCard title="Profile" contentClassName="grid gap-4">
        <dl className="grid grid-cols-2 gap-3 tabular-nums sm:grid-cols-4">
          <DetailField
            label="Members"
            value={String(org.members_count ?? "—")}
            testId="organization-members-count"
          />
          <DetailField label="Pending invitations" value={String(org.pending_invitations_count ?? "—")} />
          <DetailField label="Created" value={formatDateTime(org.created_at)} />
          <DetailField label="Updated" value={formatDateTime(org.updated_at)} />
        </dl>
        {/* Keyed by the saved state so a refresh after saving shows the stored values. */}
        <OrganizationProfileForm
          key={`${org.name}|${org.slug}|${org.max_allowed_memberships}`}
          organization={org}
          canWrite={canWrite}
        />
      </TitledCard>
      <DetailSection id="members-heading" title="Members">
        <OrganizationMembers
          organizationId={org.id}
          members={members.members}
          total={members.total_count}
          roles={roles}
          canWrite={canWrite}
        />
      </DetailSection>
      <DetailSection id="invitations-heading" title="Pending invitations">
        <OrganizationInvitations
          organizationId={org.id}
          invitations={invitations.invitations}
          roles={roles}
          canWrite={canWrite}
        />
      </DetailSection>
      <DetailSection id="org-metadata-heading" title="Metadata">
        <OrganizationMetadata
          organizationId={org.id}
          canWrite={canWrite}
          initial={{
            updatedAt: org.updated_at,
            public: org.public_metadata,
            private: org.private_metadata,
            unsafe: {},
          }}
        />
      </DetailSection>
      <DetailSection id="danger-heading" title="Danger zone" danger>
        <p className="text-sm text-muted-foreground">
          Deleting the organization removes all its memberships and invitations. Users keep their accounts.
        </p>
        <div>
          <DeleteOrganization organization={org} canWrite={canWrite} />
        </div>
      </DetailSection>
    </div>
  );
}
