"use client";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { ConfirmAction } from "@/components/users/confirm-action";
import { deleteAutomationRuleAction, setAutomationRuleStateAction } from "@/lib/actions/automations";
import { AUTOMATION_POLICIES, type AutomationPolicy } from "@/lib/db/schema";

const POLICY_LABEL: Record<AutomationPolicy, string> = {
  ask: "Ask each time (inbox)",
  standing: "Standing approval",
};

export function RuleControls({
  id,
  enabled,
  policy,
}: {
  id: string;
  enabled: boolean;
  policy: AutomationPolicy;
}) {
  const { pending, run, router, refreshWith } = useRunAction();
  const set = (state: { enabled?: boolean; policy?: AutomationPolicy }) =>
    run(
      () => setAutomationRuleStateAction({ id, ...state }),
      refreshWith((r) => (r.enabled ? "Rule enabled." : "Rule disabled.")),
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        data-testid="rule-toggle"
        size="sm"
        disabled={pending}
        onClick={() => set({ enabled: !enabled })}
      >
        {enabled ? "Disable" : "Enable"}
      </Button>
      <NativeSelect
        aria-label="Approval policy"
        data-testid="rule-policy"
        value={policy}
        disabled={pending}
        options={AUTOMATION_POLICIES}
        optionLabel={(p) => POLICY_LABEL[p]}
        onChange={(e) => set({ policy: e.target.value as AutomationPolicy })}
      />
      <ConfirmAction
        label="Delete"
        title="Delete this rule?"
        description="Its history goes with it; the audit log keeps every write it made."
        confirmLabel="Delete rule"
        variant="destructive"
        run={() => deleteAutomationRuleAction({ id })}
        successMessage="Rule deleted."
        onDone={() => router.push("/automations")}
      />
    </div>
  );
}
