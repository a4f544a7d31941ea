import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { RoleBadge } from "@/components/shell/role-badge";
import { SessionList } from "@/components/shell/session-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can, requirePageAccess } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";

export default async function OverviewPage() {
  const me = await requirePageAccess("read");
  const clerk = getClerkClient();
  const [userCount, pending, sessions] = await Promise.all([
    clerk.users.getCount(),
    clerk.invitations.getInvitationList({ status: "pending", limit: 1 }),
    clerk.sessions.getSessionList({ userId: me.userId, status: "active" }),
  ]);

  return (
    <>
      <PageHeader title="Overview" description="Your Clerk instance at a glance." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardDescription>Users</CardDescription>
            <CardTitle className="text-3xl tabular-nums" data-testid="overview-user-count">
              {userCount.toLocaleString("en-US")}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <Link href="/users" className="text-sm underline underline-offset-4">
              Browse users
            </Link>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>Pending invitations</CardDescription>
            <CardTitle className="text-3xl tabular-nums" data-testid="overview-pending-invitations">
              {pending.totalCount.toLocaleString("en-US")}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <Link href="/invitations" className="text-sm underline underline-offset-4">
              Manage invitations
            </Link>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>Your access</CardDescription>
            <CardTitle>
              <RoleBadge role={me.role} />
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-zinc-600">
            {me.role === "admin"
              ? "You can read and change users."
              : "You can read everything; changes need an admin."}
          </CardContent>
        </Card>
      </div>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Your active sessions</CardTitle>
          <CardDescription>
            Signed-in devices for {me.email ?? me.userId}. Revoking one signs that device out.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SessionList
            canRevoke={can(me.role, "write")}
            currentSessionId={me.sessionId}
            sessions={sessions.data.map((s) => ({
              id: s.id,
              lastActiveAt: s.lastActiveAt,
              expireAt: s.expireAt,
            }))}
          />
        </CardContent>
      </Card>
    </>
  );
}
