import { FiringHistory } from "@/components/automations/firing-history";
import { RuleControls } from "@/components/automations/rule-controls";
import { RuleEditor } from "@/components/automations/rule-editor";
import { type GrantView, StandingApprovalPanel } from "@/components/automations/standing-approval-panel";
import { MissingItem } from "@/components/shell/missing-item";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { TitledCard } from "@/components/ui/card";
import { can, requirePageAccess } from "@/lib/auth";
import { metadataKeysOf } from "@/lib/automations/rule";
import { getRule, listFirings, listGrants, liveGrant, ruleOf } from "@/lib/automations/store";
import { getDb } from "@/lib/db/client";

export default async function AutomationRulePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read");
  const { id } = await params;
  const db = await getDb();
  const rule = /^rule_[a-f0-9]{32}$/.test(id) ? await getRule(db, id) : null;
  if (!rule)
    return (
      <MissingItem
        title="Rule not found"
        what="automation rule"
        id={id}
        back={{ href: "/automations", label: "All automations" }}
        testId="rule-missing"
      />
    );
  const [grants, firings] = await Promise.all([listGrants(db, rule.id), listFirings(db, rule.id)]);
  const def = ruleOf(rule);
  const live = liveGrant(grants, rule);
  const latest = grants[0];
  const grant: GrantView | null = latest
    ? {
        id: latest.id,
        live: live?.id === latest.id,
        bounds: latest.bounds as GrantView["bounds"],
        expiresAt: latest.expiresAt.toISOString(),
        grantedBy: latest.grantedBy,
        revokedAt: latest.revokedAt?.toISOString() ?? null,
        revokedReason: latest.revokedReason,
      }
    : null;
  const canWrite = can(me.role, "write");
  return (
    <>
      <PageHeader
        title={rule.name}
        description={`When ${def.trigger} arrives${def.conditions.length ? " and its conditions hold" : ""}: ${def.actions.map((a) => a.action).join(", ")}.`}
        actions={
          <span className="flex items-center gap-2">
            <Badge data-testid="rule-state" variant={rule.enabled ? "success" : "secondary"}>
              {rule.enabled ? "Enabled" : "Disabled"}
            </Badge>
            {canWrite && <RuleControls id={rule.id} enabled={rule.enabled} policy={rule.policy} />}
          </span>
        }
      />
      <div className="grid gap-6">
        {rule.lastError && (
          <Alert variant="destructive" data-testid="rule-last-error">
            Last error: {rule.lastError}
          </Alert>
        )}
        <TitledCard
          title="Standing approval"
          description={
            <>
              Bound to this exact rule text; any edit revokes it. Writes outside the bounds wait in the
              approvals inbox.
            </>
          }
        >
          <StandingApprovalPanel
            ruleId={rule.id}
            ruleHash={rule.ruleHash}
            grant={grant}
            defaults={{
              actions: [...new Set(def.actions.map((a) => a.action))],
              metadataKeys: [...new Set(def.actions.flatMap((a) => metadataKeysOf(a.args)))],
            }}
            canApprove={can(me.role, "approve")}
          />
        </TitledCard>
        <TitledCard title="History" description="The last 50 firings.">
          <FiringHistory firings={firings} />
        </TitledCard>
        <TitledCard title="Rule">
          <RuleEditor ruleId={rule.id} initial={def} canWrite={canWrite} />
        </TitledCard>
      </div>
    </>
  );
}
