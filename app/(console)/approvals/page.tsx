import Link from "next/link";
import { ApprovalsInbox, type PendingItem } from "@/components/approvals/approvals-inbox";
import { DecidedTable } from "@/components/approvals/decided-table";
import { PendingJobApprovals } from "@/components/jobs/pending-job-approvals";
import { DetailSection } from "@/components/shell/detail-section";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { listInbox } from "@/lib/approvals/inbox";
import { requirePageAccess } from "@/lib/auth";
import { getAction } from "@/lib/clerk/registry";
import { getDb } from "@/lib/db/client";

const titleOf = (name: string) => getAction(name)?.title ?? name;

export default async function ApprovalsPage() {
  const me = await requirePageAccess("read");
  const db = await getDb();
  const [pending, decided] = await Promise.all([
    listInbox(db, me.userId, titleOf, { status: "pending" }),
    listInbox(db, me.userId, titleOf, { status: "decided", limit: 25 }),
  ]);
  // Bulk-job plans are decided in their own section (components/jobs), bound to the plan hash.
  const items: PendingItem[] = pending
    .filter((i) => i.source !== "bulk")
    .map((i) => ({
      card: i.card as PendingItem["card"],
      argsHash: i.argsHash,
      source: i.source,
      proposedBy: i.proposedBy,
      createdAt: i.createdAt,
    }));
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Writes proposed by MCP clients, jobs and chats you left wait here until an admin approves the exact change."
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/settings/tokens">Access tokens</Link>
          </Button>
        }
      />
      <PendingJobApprovals canDecide={me.role === "admin"} />
      <DetailSection id="pending-heading" title={`Pending (${items.length})`} className="mb-10 gap-3">
        <ApprovalsInbox items={items} canDecide={me.role === "admin"} />
      </DetailSection>
      <DetailSection id="decided-heading" title="Recently decided" className="gap-3">
        <DecidedTable
          rows={decided.map((i) => ({
            id: i.card.approvalId,
            title: i.card.title,
            target: i.card.targetSummary?.email ?? i.card.target?.label ?? i.card.target?.id ?? "—",
            source: i.source,
            status: i.status,
            decidedBy: i.decidedBy,
            decidedAt: i.decidedAt,
            reason: i.reason,
          }))}
        />
      </DetailSection>
    </>
  );
}
