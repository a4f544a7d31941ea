"use client";
import { useState } from "react";
import { toast } from "sonner";
import { SubmitForm } from "@/components/shell/submit-form";
import { useRunAction } from "@/components/shell/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TitledCard } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { changeIdentifierAction } from "@/lib/actions/user-lifecycle";
import type { IdentifierView } from "@/lib/console/user-lifecycle";

type Kind = "EmailAddress" | "PhoneNumber";
type Op = "add" | "verify" | "setPrimary" | "remove";

const DONE: Record<Op, string> = {
  add: "Added.",
  verify: "Marked verified.",
  setPrimary: "Now primary.",
  remove: "Removed.",
};

function IdentifierList({
  userId,
  kind,
  title,
  items,
  canWrite,
}: {
  userId: string;
  kind: Kind;
  title: string;
  items: IdentifierView[];
  canWrite: boolean;
}) {
  const [value, setValue] = useState("");
  const [verified, setVerified] = useState(false);
  const { pending, run, router } = useRunAction();
  const slug = kind === "EmailAddress" ? "email" : "phone";
  const change = (op: Op, target: string, extra: { verified?: boolean } = {}) =>
    run(
      () => changeIdentifierAction({ action: `${op}${kind}`, user_id: userId, value: target, ...extra }),
      () => {
        toast.success(DONE[op]);
        if (op === "add") setValue("");
        router.refresh();
      },
    );
  const disabled = !canWrite || pending;
  return (
    <TitledCard title={title} contentClassName="grid gap-3">
      <ul className="grid gap-2 text-sm" data-testid={`manage-${slug}s`}>
        {items.map((item) => (
          <li key={item.value} className="flex flex-wrap items-center gap-2" data-testid={`${slug}-row`}>
            <span className="font-mono">{item.value}</span>
            {item.primary && <Badge variant="secondary">Primary</Badge>}
            <Badge variant={item.verified ? "success" : "warning"}>
              {item.verified ? "Verified" : "Unverified"}
            </Badge>
            <span className="ml-auto flex gap-1">
              {!item.verified && (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={disabled}
                  onClick={() => change("verify", item.value)}
                >
                  Mark verified
                </Button>
              )}
              {!item.primary && (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={disabled || !item.verified}
                  title={item.verified ? undefined : "Verify it first."}
                  onClick={() => change("setPrimary", item.value)}
                >
                  Make primary
                </Button>
              )}
              {!item.primary && (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={disabled}
                  onClick={() => change("remove", item.value)}
                >
                  Remove
                </Button>
              )}
            </span>
          </li>
        ))}
        {items.length === 0 && <li className="text-muted-foreground">None</li>}
      </ul>
      {canWrite && (
        <SubmitForm
          className="flex flex-wrap items-center gap-2"
          ready={!!value.trim()}
          onReady={() => change("add", value.trim(), { verified })}
        >
          <Input
            aria-label={`New ${slug}`}
            placeholder={slug === "email" ? "name@example.com" : "+4712345678"}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className="h-8 max-w-64"
            data-testid={`add-${slug}-input`}
          />
          <label className="flex items-center gap-1 text-xs">
            <input type="checkbox" checked={verified} onChange={(e) => setVerified(e.target.checked)} />
            Already verified
          </label>
          <Button size="sm" type="submit" disabled={disabled} data-testid={`add-${slug}-submit`}>
            Add
          </Button>
        </SubmitForm>
      )}
    </TitledCard>
  );
}

export function UserIdentifiers({
  userId,
  emails,
  phones,
  canWrite,
}: {
  userId: string;
  emails: IdentifierView[];
  phones: IdentifierView[];
  canWrite: boolean;
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <IdentifierList
        userId={userId}
        kind="EmailAddress"
        title="Email addresses"
        items={emails}
        canWrite={canWrite}
      />
      <IdentifierList
        userId={userId}
        kind="PhoneNumber"
        title="Phone numbers"
        items={phones}
        canWrite={canWrite}
      />
    </div>
  );
}
