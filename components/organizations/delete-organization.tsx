"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { deleteOrganizationAction } from "@/lib/actions/organizations";

/** Deletion needs the slug typed out; the server checks it again (deleteOrganization's confirm_slug). */
export function DeleteOrganization({
  organization,
  canWrite,
}: {
  organization: { id: string; name: string; slug: string; members_count: number | null };
  canWrite: boolean;
}) {
  const { pending, run, router } = useRunAction();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const id = useId();
  const matches = typed === organization.slug;
  const confirm = () =>
    run(
      () => deleteOrganizationAction({ organization_id: organization.id, confirm_slug: typed }),
      () => {
        toast.success(`${organization.name} was deleted.`);
        setOpen(false);
        router.push("/organizations");
      },
    );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (pending) return;
        setOpen(o);
        if (!o) setTyped("");
      }}
    >
      <DialogTrigger asChild>
        <Button
          variant="destructive"
          disabled={!canWrite}
          title={canWrite ? undefined : "Viewers have read-only access."}
          data-testid="delete-organization"
        >
          Delete organization
        </Button>
      </DialogTrigger>
      <DialogPanel
        data-testid="delete-organization-dialog"
        title={<>Delete {organization.name}?</>}
        description={
          <>
            This deletes the organization, its {organization.members_count ?? 0} memberships and its pending
            invitations. It cannot be undone.
          </>
        }
      >
        <div className="grid gap-1">
          <Label htmlFor={id}>
            Type <code className="rounded bg-muted px-1">{organization.slug}</code> to confirm
          </Label>
          <Input
            id={id}
            value={typed}
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
            data-testid="delete-organization-slug"
          />
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant="destructive"
            onClick={confirm}
            disabled={!matches || pending}
            aria-busy={pending}
            data-testid="delete-organization-confirm"
          >
            {pending ? "Deleting…" : "Delete organization"}
          </Button>
        </DialogFooter>
      </DialogPanel>
    </Dialog>
  );
}
