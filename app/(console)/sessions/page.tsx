import { LiveRefresh } from "@/components/live/live-indicator";
import { ActiveSessionsTable } from "@/components/sessions/active-sessions-table";
import { RecentSignInsTable } from "@/components/sessions/recent-sign-ins-table";
import { SessionsPanel as Panel } from "@/components/sessions/sessions-panel";
import { SessionsViewControls } from "@/components/sessions/sessions-view-controls";
import { SignInsChart } from "@/components/sessions/sign-ins-chart";
import { SuspiciousUsers } from "@/components/sessions/suspicious-users";
import { PageHeader } from "@/components/shell/page-header";
import { NuqsProvider } from "@/components/users/nuqs-provider";
import { can, requirePageAccess } from "@/lib/auth";
import { loadSessionsPage } from "@/lib/console/sessions-reads";
import { parseSessionsView } from "@/lib/console/sessions-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SessionsPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageAccess("read");
  const canRevoke = can(me.role, "revoke_access");
  const view = parseSessionsView(await searchParams);
  const data = await loadSessionsPage(view);
  return (
    <NuqsProvider>
      <PageHeader
        title="Sessions"
        description="Who is signed in now and who signed in lately: device, browser, IP address and location as Clerk reports them."
        actions={<LiveRefresh sessions />}
      />
      <div className="grid gap-4">
        <div className="grid gap-4 lg:grid-cols-2">
          <Panel
            title="Sign-ins per day"
            section={data.perDay}
            description={(v) => `${v.total} in the last 14 days.`}
            testId="per-day"
          >
            {(v) => <SignInsChart days={v.days} />}
          </Panel>
          <Panel
            title="Suspicious sign-ins"
            section={data.suspicious}
            description={() => "Users signed in from more than N locations or devices in the window."}
            testId="suspicious"
          >
            {(v) => (
              <>
                <SessionsViewControls />
                <SuspiciousUsers users={v.users} moreThan={view.moreThan} canRevoke={canRevoke} />
              </>
            )}
          </Panel>
        </div>
        <Panel
          title="Active sessions"
          section={data.active}
          description={(v) =>
            `${v.total_count} active now${v.total_count > v.sessions.length ? ` (newest ${v.sessions.length} shown)` : ""}.`
          }
          testId="active-sessions"
        >
          {(v) => <ActiveSessionsTable sessions={v.sessions} canRevoke={canRevoke} />}
        </Panel>
        <Panel
          title="Recent sign-ins"
          section={data.recent}
          description={(v) => `${v.total_count} recorded.`}
          testId="recent-sign-ins"
        >
          {(v) => <RecentSignInsTable signIns={v.sign_ins} canRevoke={canRevoke} />}
        </Panel>
      </div>
    </NuqsProvider>
  );
}
