"use client";
import { useId, useState } from "react";
import { EmptyNote } from "@/components/shell/result-states";
import { SubmitForm } from "@/components/shell/submit-form";
import { useFormAction } from "@/components/shell/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { grantStandingApprovalAction, revokeStandingApprovalAction } from "@/lib/actions/automations";

export interface GrantView {
  id: string;
  live: boolean;
  bounds: { actions: string[]; metadataKeys: string[]; maxPerHour: number; maxPerDay: number };
  expiresAt: string;
  grantedBy: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** Bounds of a standing approval for the exact rule text (its hash); admins grant and revoke. */
export function StandingApprovalPanel({
  ruleId,
  ruleHash,
  grant,
  defaults,
  canApprove,
}: {
  ruleId: string;
  ruleHash: string;
  grant: GrantView | null;
  defaults: { actions: string[]; metadataKeys: string[] };
  canApprove: boolean;
}) {
  const { pending, run, refreshWith, errors } = useFormAction("actions");
  const [actions, setActions] = useState(defaults.actions.join(", "));
  const [keys, setKeys] = useState(defaults.metadataKeys.join(", "));
  const [perHour, setPerHour] = useState("10");
  const [perDay, setPerDay] = useState("100");
  const [days, setDays] = useState("30");
  const id = useId();

  const grantIt = () =>
    run(
      () =>
        grantStandingApprovalAction({
          id: ruleId,
          ruleHash,
          bounds: {
            actions: list(actions),
            metadataKeys: list(keys),
            maxPerHour: perHour,
            maxPerDay: perDay,
            expiresAt: new Date(Date.now() + Number(days) * 86_400_000).toISOString(),
          },
        }),
      refreshWith("Standing approval granted for this exact rule."),
    );
  const revoke = () =>
    run(() => revokeStandingApprovalAction({ id: ruleId }), refreshWith("Standing approval revoked."));

  return (
    <div className="grid gap-3" data-testid="standing-approval">
      {grant ? (
        <div className="grid gap-1 text-sm" data-testid="standing-grant">
          <span className="flex items-center gap-2">
            <Badge data-testid="standing-state" variant={grant.live ? "success" : "secondary"}>
              {grant.live ? "Standing approval active" : grant.revokedAt ? "Revoked" : "Expired"}
            </Badge>
            {grant.revokedReason && <span className="text-muted-foreground">({grant.revokedReason})</span>}
          </span>
          <span>
            Actions: {grant.bounds.actions.join(", ")}; metadata keys:{" "}
            {grant.bounds.metadataKeys.join(", ") || "none"}
          </span>
          <span data-testid="standing-bounds">
            At most {grant.bounds.maxPerHour} writes per hour and {grant.bounds.maxPerDay} per day, until{" "}
            {new Date(grant.expiresAt).toLocaleString()}.
          </span>
          {grant.live && canApprove && (
            <Button
              className="w-fit"
              variant="outline"
              size="sm"
              disabled={pending}
              onClick={revoke}
              data-testid="standing-revoke"
            >
              Revoke
            </Button>
          )}
        </div>
      ) : (
        <EmptyNote>No standing approval: every firing asks in the approvals inbox.</EmptyNote>
      )}
      {canApprove && !grant?.live && (
        <SubmitForm
          aria-label="Grant a standing approval"
          className="grid gap-2 sm:grid-cols-2"
          onReady={() => grantIt()}
        >
          <FormField id={`${id}-actions`} label="Actions (comma-separated)" errors={errors.actions}>
            <Input value={actions} onChange={(e) => setActions(e.target.value)} />
          </FormField>
          <FormField id={`${id}-keys`} label="Metadata keys (comma-separated)" errors={errors.metadataKeys}>
            <Input value={keys} onChange={(e) => setKeys(e.target.value)} />
          </FormField>
          <FormField id={`${id}-hour`} label="At most writes per hour" errors={errors.maxPerHour}>
            <Input
              data-testid="grant-per-hour"
              inputMode="numeric"
              value={perHour}
              onChange={(e) => setPerHour(e.target.value)}
            />
          </FormField>
          <FormField id={`${id}-day`} label="At most writes per day" errors={errors.maxPerDay}>
            <Input inputMode="numeric" value={perDay} onChange={(e) => setPerDay(e.target.value)} />
          </FormField>
          <FormField id={`${id}-days`} label="Expires in (days)" errors={errors.expiresAt}>
            <Input inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          </FormField>
          <div className="flex items-end">
            <Button type="submit" data-testid="grant-standing" disabled={pending}>
              Grant standing approval
            </Button>
          </div>
        </SubmitForm>
      )}
    </div>
  );
}
