import Link from "next/link";
import { KillSwitch } from "@/components/automations/kill-switch";
import { EXAMPLE_RULE, RuleEditor } from "@/components/automations/rule-editor";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyNote } from "@/components/shell/result-states";
import { Badge } from "@/components/ui/badge";
import { TitledCard } from "@/components/ui/card";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/components/users/format";
import { can, requirePageAccess } from "@/lib/auth";
import { automationsPaused, listRules, ruleOf } from "@/lib/automations/store";
import { getDb } from "@/lib/db/client";

export default async function AutomationsPage() {
  const me = await requirePageAccess("read");
  const canWrite = can(me.role, "write");
  const db = await getDb();
  const [rules, paused] = await Promise.all([listRules(db), automationsPaused(db)]);
  return (
    <>
      <PageHeader
        title="Automations"
        description="Rules that run registry writes when Clerk sends a webhook (a sign-up, an accepted invitation, a new membership…). Each firing asks in the approvals inbox, or runs under a standing approval within its bounds; every write is audited with its rule and event."
        actions={<KillSwitch paused={paused} canWrite={canWrite} />}
      />
      <div className="grid gap-6">
        {rules.length === 0 ? (
          <EmptyNote boxed>No rules yet.</EmptyNote>
        ) : (
          <DataTable
            data-testid="rules-table"
            columns={["Rule", "Trigger", "State", "Policy", "Last fired", "Last error"]}
          >
            {rules.map((r) => (
              <TableRow key={r.id} data-testid="rule-row">
                <TableCell>
                  <Link
                    className="font-medium underline-offset-4 hover:underline"
                    href={`/automations/${r.id}`}
                  >
                    {r.name}
                  </Link>
                </TableCell>
                <TableCell>{ruleOf(r).trigger}</TableCell>
                <TableCell>
                  <Badge variant={r.enabled ? "success" : "secondary"}>
                    {r.enabled ? "Enabled" : "Disabled"}
                  </Badge>
                </TableCell>
                <TableCell>{r.policy === "standing" ? "Standing approval" : "Ask each time"}</TableCell>
                <TableCell>{formatDateTime(r.lastFiredAt?.getTime())}</TableCell>
                <TableCell className="max-w-xs text-xs text-muted-foreground">{r.lastError ?? ""}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
        {canWrite && (
          <TitledCard
            title="New rule"
            description={
              <>
                Conditions: emailDomain, metadata (public_metadata/unsafe_metadata key equals), organization,
                role. Arguments may use templates such as {"{{user.id}}"} or{" "}
                {"{{event.data.email_addresses[0].email_address}}"}. A new rule starts disabled.
              </>
            }
          >
            <RuleEditor initial={EXAMPLE_RULE} canWrite={canWrite} />
          </TitledCard>
        )}
      </div>
    </>
  );
}
