"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useFormAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import {
  createAutomationRuleAction,
  dryRunAutomationRuleAction,
  updateAutomationRuleAction,
} from "@/lib/actions/automations";
import type { DryRunResult } from "@/lib/automations/dry-run";
import { DryRunView } from "./dry-run-view";

export const EXAMPLE_RULE = {
  name: "Acme sign-ups",
  trigger: "user.created",
  conditions: [{ kind: "emailDomain", domain: "acme.com" }],
  actions: [
    {
      action: "updateUserMetadata",
      args: { user_id: "{{user.id}}", public_metadata: { company: "Acme", plan: "enterprise" } },
    },
  ],
};

/** The rule as JSON: dry-run the text as typed, then save (an edit revokes the rule's standing approval). */
export function RuleEditor({
  ruleId,
  initial,
  canWrite,
}: {
  ruleId?: string;
  initial: unknown;
  canWrite: boolean;
}) {
  const { pending, run, router, errors } = useFormAction("definition");
  const [text, setText] = useState(JSON.stringify(initial, null, 2));
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const id = useId();

  const save = () =>
    run(
      () =>
        ruleId
          ? updateAutomationRuleAction({ id: ruleId, definition: text })
          : createAutomationRuleAction({ definition: text }),
      (r) => {
        if (((r as { revoked?: number }).revoked ?? 0) > 0)
          toast.warning("Rule saved; its standing approval was revoked.");
        else toast.success("Rule saved.");
        if (!ruleId) router.push(`/automations/${r.id}`);
        else router.refresh();
      },
    );
  const dryRun = () => run(() => dryRunAutomationRuleAction({ definition: text, n: 20 }), setDry);
  const messages = Object.entries(errors).flatMap(([k, v]) =>
    v.map((m) => (k === "definition" ? m : `${k}: ${m}`)),
  );

  return (
    <div className="grid gap-3">
      <FormField id={id} label="Rule (JSON)" errors={messages}>
        <Textarea
          data-testid="rule-definition"
          className="min-h-72 font-mono text-xs"
          value={text}
          readOnly={!canWrite}
          onChange={(e) => setText(e.target.value)}
        />
      </FormField>
      <div className="flex flex-wrap gap-2">
        {canWrite && (
          <Button data-testid="rule-save" disabled={pending} onClick={save}>
            {ruleId ? "Save changes" : "Create rule"}
          </Button>
        )}
        <Button data-testid="rule-dry-run" variant="outline" disabled={pending} onClick={dryRun}>
          Dry run against the last 20 events
        </Button>
      </div>
      {dry && <DryRunView result={dry} />}
    </div>
  );
}
