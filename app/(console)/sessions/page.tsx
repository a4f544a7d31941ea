import { LiveRefresh } from "@/components/live/live-indicator";
import { ActiveSessionsTable } from "@/components/sessions/active-sessions-table";
import { RecentSignInsTable } from "@/components/sessions/recent-sign-ins-table";
import { SessionsViewControls } from "@/components/sessions/sessions-view-controls";
import { SignInsChart } from "@/components/sessions/sign-ins-chart";
import { SuspiciousUsers } from "@/components/sessions/suspicious-users";
import { PageHeader } from "@/components/shell/page-header";
import { ResultError } from "@/components/shell/result-states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can, requirePageAccess } from "@/lib/auth";
import { loadSessionsPage, type SessionsPageData } from "@/lib/console/sessions-reads";
import { parseSessionsView } from "@/lib/console/sessions-view";
import { toPublicError } from "@/lib/errors";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SessionsPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageAccess("read");
  const canRevoke = can(me.role, "revoke_access");
  const view = parseSessionsView(await searchParams);
  const header = (
    <PageHeader
      title="Sessions"
      description="Who is signed in now and who signed in lately: device, browser, IP address and location as Clerk reports them."
      actions={<LiveRefresh sessions />}
    />
  );
  let data: SessionsPageData;
  try {
    data = await loadSessionsPage(view);
  } catch (err) {
    return (
      <>
        {header}
        <ResultError
          data-testid="sessions-error"
          title="Could not load sessions."
          messages={[toPublicError(err).message]}
        />
      </>
    );
  }
  return (
    <>
      {header}
      <div className="grid gap-4">
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Sign-ins per day</CardTitle>
              <CardDescription>{data.perDay.total} in the last 14 days.</CardDescription>
            </CardHeader>
            <CardContent>
              <SignInsChart days={data.perDay.days} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Suspicious sign-ins</CardTitle>
              <CardDescription>
                Users signed in from more than N locations or devices in the window.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <SessionsViewControls view={view} />
              <SuspiciousUsers users={data.suspicious.users} moreThan={view.moreThan} canRevoke={canRevoke} />
            </CardContent>
          </Card>
        </div>
        <Card>
          <CardHeader>
            <CardTitle>Active sessions</CardTitle>
            <CardDescription data-testid="active-sessions-count">
              {data.active.total_count} active now
              {data.active.total_count > data.active.sessions.length
                ? ` (newest ${data.active.sessions.length} shown)`
                : ""}
              .
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ActiveSessionsTable sessions={data.active.sessions} canRevoke={canRevoke} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Recent sign-ins</CardTitle>
            <CardDescription>{data.recent.total_count} recorded.</CardDescription>
          </CardHeader>
          <CardContent>
            <RecentSignInsTable signIns={data.recent.sign_ins} canRevoke={canRevoke} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
