import { SignOutButton } from "@clerk/nextjs";
import { ShieldXIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { getConsoleAuth } from "@/lib/auth";

export default async function Forbidden() {
  const me = await getConsoleAuth().catch(() => null);
  return (
    <main id="main-content" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-border bg-card p-8 text-center shadow-xs">
        <ShieldXIcon className="mx-auto size-10 text-destructive" aria-hidden="true" />
        <h1 className="mt-4 text-xl font-semibold">403 — No access to this console</h1>
        <p className="mt-2 text-sm text-muted-foreground" data-testid="forbidden-message">
          {me?.email ? (
            <>
              You are signed in as <strong>{me.email}</strong>, but your account has no console role.{" "}
            </>
          ) : (
            "Your account has no console role. "
          )}
          An admin can grant access by setting <code>public_metadata.role</code> to{" "}
          <code>&quot;admin&quot;</code> or <code>&quot;viewer&quot;</code>.
        </p>
        <div className="mt-6 flex justify-center">
          <SignOutButton redirectUrl="/sign-in">
            <Button variant="outline">Sign out and use another account</Button>
          </SignOutButton>
        </div>
      </div>
    </main>
  );
}
