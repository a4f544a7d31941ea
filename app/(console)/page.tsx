import { Suspense } from "react";
import { OverviewStats, OverviewStatsSkeleton } from "@/components/overview/overview-stats";
import { SignupsPanel, SignupsPanelSkeleton } from "@/components/overview/signups-panel";
import { YourSessions, YourSessionsSkeleton } from "@/components/overview/your-sessions";
import { PageHeader } from "@/components/shell/page-header";
import { TitledCard } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth";

export default async function OverviewPage() {
  const me = await requirePageAccess("read");
  return (
    <>
      <PageHeader title="Overview" description="Your Clerk instance at a glance." />
      <div className="grid gap-6">
        <Suspense fallback={<OverviewStatsSkeleton />}>
          <OverviewStats />
        </Suspense>
        <TitledCard title="Signups over time" description="New users per week over the last 13 weeks.">
          <Suspense fallback={<SignupsPanelSkeleton />}>
            <SignupsPanel />
          </Suspense>
        </TitledCard>
        <TitledCard
          title="Your active sessions"
          description={
            <>
              Signed-in devices for {me.email ?? me.userId}. Revoking one signs that device out.
              {me.role !== "admin" && " You can read everything; changes need an admin."}
            </>
          }
        >
          <Suspense fallback={<YourSessionsSkeleton />}>
            <YourSessions me={me} />
          </Suspense>
        </TitledCard>
      </div>
    </>
  );
}
