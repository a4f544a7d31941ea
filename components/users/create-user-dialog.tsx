"use client";
import { useState } from "react";
import { toast } from "sonner";
import { useFormAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { createUserAction } from "@/lib/actions/user-lifecycle";

const FIELDS = [
  { name: "email", label: "Email", type: "email", required: true },
  { name: "first_name", label: "First name", type: "text" },
  { name: "last_name", label: "Last name", type: "text" },
  { name: "username", label: "Username", type: "text" },
  { name: "password", label: "Password (optional)", type: "password" },
] as const;

/** The users page's "Create user": the new user's page opens once Clerk has it. */
export function CreateUserDialog({ canWrite }: { canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  const { pending, run, router, errors, setErrors } = useFormAction();
  const submit = (form: FormData) => {
    const input: Record<string, string> = {};
    for (const f of FIELDS) {
      const v = String(form.get(f.name) ?? "").trim();
      if (v) input[f.name] = f.name === "password" ? String(form.get(f.name)) : v;
    }
    setErrors({});
    run(
      () => createUserAction(input as { email: string }),
      (user) => {
        toast.success("User created.");
        setOpen(false);
        router.push(`/users/${user.id}`);
      },
    );
  };
  return (
    <Dialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <DialogTrigger asChild>
        <Button
          size="sm"
          disabled={!canWrite}
          title={canWrite ? undefined : "Viewers have read-only access."}
          data-testid="create-user"
        >
          <SpriteIcon name="user-plus" /> Create user
        </Button>
      </DialogTrigger>
      <DialogPanel
        title="Create user"
        description="The email is added as verified and primary. Without a password the user signs in with a code."
      >
        <form action={submit} className="grid gap-3" data-testid="create-user-form">
          {FIELDS.map((f) => (
            <FormField key={f.name} id={`create-${f.name}`} label={f.label} errors={errors[f.name]}>
              <Input
                name={f.name}
                type={f.type}
                required={"required" in f}
                autoComplete={f.type === "password" ? "new-password" : "off"}
              />
            </FormField>
          ))}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending} aria-busy={pending} data-testid="create-user-submit">
              {pending ? "Creating…" : "Create user"}
            </Button>
          </DialogFooter>
        </form>
      </DialogPanel>
    </Dialog>
  );
}
