"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { EmptyNote } from "@/components/shell/result-states";
import { SubmitForm } from "@/components/shell/submit-form";
import { useFormAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { TitledCard } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { ConfirmAction } from "@/components/users/confirm-action";
import { formatDate } from "@/components/users/format";
import { addAccessListIdentifierAction, removeAccessListIdentifierAction } from "@/lib/actions/access-lists";
import type { AccessIdentifierSummary, AccessList } from "@/lib/clerk/actions/access-list-shared";

const LABEL: Record<AccessList, string> = { allowlist: "Allow-list", blocklist: "Block-list" };

/** One access list: an add form and a table of identifiers, each removable behind a confirm dialog. */
export function AccessListPanel({
  list,
  description,
  identifiers,
  canWrite,
}: {
  list: AccessList;
  description: string;
  identifiers: AccessIdentifierSummary[];
  canWrite: boolean;
}) {
  const { pending, run, router, errors } = useFormAction("identifier");
  const [identifier, setIdentifier] = useState("");
  const id = useId();
  const label = LABEL[list];

  const add = () =>
    run(
      () => addAccessListIdentifierAction({ list, identifier }),
      (added) => {
        toast.success(`${added.identifier} added to the ${label.toLowerCase()}.`);
        setIdentifier("");
        router.refresh();
      },
    );

  return (
    <TitledCard
      data-testid={`${list}-panel`}
      title={label}
      description={description}
      contentClassName="grid gap-3"
    >
      <SubmitForm
        aria-label={`Add to the ${label.toLowerCase()}`}
        className="flex flex-wrap items-end gap-2"
        ready={canWrite && !pending && !!identifier.trim()}
        onReady={add}
      >
        <FormField id={`${id}-identifier`} label="Email, domain or phone" errors={errors.identifier}>
          <Input
            value={identifier}
            placeholder="jane@acme.com, acme.com or +15555550100"
            onChange={(e) => setIdentifier(e.target.value)}
            disabled={!canWrite}
            className="w-72"
            data-testid={`${list}-identifier`}
          />
        </FormField>
        <Button
          type="submit"
          disabled={!canWrite || pending || !identifier.trim()}
          data-testid={`${list}-add`}
        >
          Add
        </Button>
      </SubmitForm>
      {identifiers.length === 0 ? (
        <EmptyNote boxed data-testid={`${list}-empty`}>
          The {label.toLowerCase()} is empty.
        </EmptyNote>
      ) : (
        <DataTable
          aria-label={label}
          data-testid={`${list}-table`}
          columns={["Identifier", "Type", "Added"]}
          actions
        >
          {identifiers.map((entry) => (
            <TableRow key={entry.id} data-testid={`${list}-row`} data-identifier={entry.identifier}>
              <TableCell>{entry.identifier}</TableCell>
              <TableCell className="text-muted-foreground">
                {entry.identifier_type.replace("_", " ")}
              </TableCell>
              <TableCell>{formatDate(entry.created_at)}</TableCell>
              <TableCell className="text-right">
                <ConfirmAction
                  label="Remove"
                  title={`Remove ${entry.identifier} from the ${label.toLowerCase()}?`}
                  description={
                    list === "allowlist"
                      ? "With the allow-list on, it can no longer sign up or sign in."
                      : "It can sign up, accept invitations and sign in again."
                  }
                  confirmLabel="Remove"
                  variant="destructive"
                  canWrite={canWrite}
                  run={() => removeAccessListIdentifierAction({ list, identifier_id: entry.id })}
                  successMessage={`${entry.identifier} removed.`}
                  testId={`${list}-remove`}
                />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
    </TitledCard>
  );
}
