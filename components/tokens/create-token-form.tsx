"use client";

import { CopyIcon } from "lucide-react";
import { useId, useState } from "react";
import { copyToClipboard } from "@/components/shell/copy-to-clipboard";
import { SubmitForm } from "@/components/shell/submit-form";
import { useFormAction } from "@/components/shell/use-run-action";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { createTokenAction } from "@/lib/actions/tokens";

const SCOPE_LABELS = {
  read: "read — list and view users",
  "read+propose": "read+propose — may also propose writes (each needs an admin's approval)",
} as const;

export function CreateTokenForm({ scopes }: { scopes: readonly (keyof typeof SCOPE_LABELS)[] }) {
  const { pending, run, router, errors } = useFormAction();
  const id = useId();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<keyof typeof SCOPE_LABELS>(scopes[0] ?? "read");
  const [days, setDays] = useState("30");
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);

  const submit = () =>
    run(
      () => createTokenAction({ name, scope, expiresInDays: Number(days) }),
      (data) => {
        setCreated({ token: data.token, name: data.view.name });
        setName("");
        router.refresh();
      },
    );

  if (scopes.length === 0) return null;
  return (
    <div className="grid gap-4">
      {created && (
        <Alert data-testid="new-token-alert">
          <AlertTitle>Copy the token for “{created.name}” now: it is shown only once.</AlertTitle>
          <AlertDescription className="grid gap-2">
            <code data-testid="new-token" className="break-all rounded bg-muted px-2 py-1 font-mono text-sm">
              {created.token}
            </code>
            <div className="flex gap-2">
              <Button size="sm" variant="outline" onClick={() => copyToClipboard(created.token, "Token")}>
                <CopyIcon /> Copy
              </Button>
              <Button size="sm" variant="outline" onClick={() => setCreated(null)}>
                I have copied it
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      )}
      <SubmitForm
        aria-label="Create an access token"
        className="grid max-w-xl gap-3"
        ready={!pending}
        onReady={() => submit()}
      >
        <FormField id={`${id}-name`} label="Name" errors={errors.name}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Claude Desktop on my laptop"
            maxLength={100}
          />
        </FormField>
        <FormField id={`${id}-scope`} label="Scope">
          <NativeSelect
            value={scope}
            onChange={(e) => setScope(e.target.value as keyof typeof SCOPE_LABELS)}
            className="px-3"
            options={scopes}
            optionLabel={(s) => SCOPE_LABELS[s]}
          />
        </FormField>
        <FormField id={`${id}-days`} label="Expires after (days)" errors={errors.expiresInDays}>
          <Input
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            className="w-32"
          />
        </FormField>
        <div>
          <Button type="submit" disabled={pending || !name.trim()}>
            Create token
          </Button>
        </div>
      </SubmitForm>
    </div>
  );
}
