import Link from "next/link";
import type { ReactNode } from "react";
import { LiveRefresh } from "@/components/live/live-indicator";
import { DetailField, DetailSection } from "@/components/shell/detail-section";
import { Badge } from "@/components/ui/badge";
import { TitledCard } from "@/components/ui/card";
import type { SessionSummary } from "@/lib/clerk/projections";
import type { UserDetail } from "@/lib/console/user-row";
import { formatDateTime } from "./format";
import { MetadataPanels } from "./metadata-panels";
import { UserAdminActions } from "./user-admin-actions";
import { UserSessions } from "./user-sessions";
import { UserStatusBadges } from "./user-status-badges";

export function UserDetailView({
  user,
  sessions,
  canWrite,
  canRevoke = canWrite,
  organizations,
  lifecycle,
}: {
  user: UserDetail;
  sessions: SessionSummary[];
  canWrite: boolean;
  /** Revoke sessions (support may, without the write permission). */
  canRevoke?: boolean;
  /** The user's organizations section (components/organizations/user-organizations). */
  organizations?: ReactNode;
  /** Email/phone management and the danger zone (components/users/user-lifecycle-section). */
  lifecycle?: ReactNode;
}) {
  const label = user.name || user.emails.find((e) => e.primary)?.address || user.id;
  return (
    <div className="grid gap-6">
      <div className="flex items-center justify-between gap-4">
        <Link href="/users" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
          ← All users
        </Link>
        <LiveRefresh userId={user.id} />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <span
          aria-hidden
          className="flex size-14 items-center justify-center rounded-full bg-muted text-lg font-semibold text-foreground/80"
        >
          {user.initials}
        </span>
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="user-name">
            {user.name || "No name"}
          </h1>
          <p className="font-mono text-xs text-muted-foreground">{user.id}</p>
        </div>
        <div data-testid="user-status">
          <UserStatusBadges banned={user.banned} locked={user.locked} />
        </div>
        <div className="ml-auto">
          <UserAdminActions
            userId={user.id}
            label={label}
            banned={user.banned}
            locked={user.locked}
            canWrite={canWrite}
          />
        </div>
      </div>
      {!canWrite && (
        <p
          className="rounded border border-border bg-muted/50 p-2 text-sm text-foreground/80"
          data-testid="read-only-note"
        >
          {canRevoke
            ? "Support access: you can revoke sessions, create sign-in links and request an impersonation (an admin approves it); other changes need an admin."
            : "You have read-only access: changes are disabled."}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <TitledCard title="Email addresses">
          <ul className="grid gap-1 text-sm" data-testid="user-emails">
            {user.emails.map((e) => (
              <li key={e.address} className="flex items-center gap-2">
                {e.address}
                {e.primary && <Badge variant="secondary">Primary</Badge>}
              </li>
            ))}
            {user.emails.length === 0 && <li className="text-muted-foreground">None</li>}
          </ul>
        </TitledCard>
        <TitledCard title="Activity">
          <dl className="grid grid-cols-2 gap-3">
            <DetailField label="Created" value={formatDateTime(user.createdAt)} />
            <DetailField label="Updated" value={formatDateTime(user.updatedAt)} testId="user-updated-at" />
            <DetailField label="Last sign-in" value={formatDateTime(user.lastSignInAt)} />
            <DetailField label="Last active" value={formatDateTime(user.lastActiveAt)} />
          </dl>
        </TitledCard>
      </div>
      <DetailSection id="sessions-heading" title="Sessions">
        <UserSessions sessions={sessions} canWrite={canRevoke} />
      </DetailSection>
      {organizations && (
        <DetailSection id="user-organizations-heading" title="Organizations">
          {organizations}
        </DetailSection>
      )}
      <DetailSection id="metadata-heading" title="Metadata">
        {/* Not keyed by updatedAt: a live refresh must not wipe a half-typed edit (the panels reconcile). */}
        <MetadataPanels
          userId={user.id}
          canWrite={canWrite}
          initial={{ updatedAt: user.updatedAt, ...user.metadata }}
        />
      </DetailSection>
      {lifecycle}
    </div>
  );
}
