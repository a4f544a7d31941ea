"use client";
import { SignOutButton, useUser } from "@clerk/nextjs";
import { ShieldXIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * The console's 403 page. A client component on purpose: Next puts the `forbidden` fallback into
 * every response's RSC payload, so as a server component it was rendered and serialized with each
 * page; here the payload holds a reference and the title (a 403 response's HTML is an error shell
 * whose content comes from that payload), and the email comes from ClerkJS.
 */
export function ForbiddenNotice({ title }: { title: string }) {
  const { user } = useUser();
  const email = user?.primaryEmailAddress?.emailAddress;
  return (
    <main id="main-content" className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-border bg-card p-8 text-center shadow-xs">
        <ShieldXIcon className="mx-auto size-10 text-destructive" aria-hidden="true" />
        <h1 className="mt-4 text-xl font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-muted-foreground" data-testid="forbidden-message">
          {email ? (
            <>
              You are signed in as <strong>{email}</strong>, but your account has no console role.{" "}
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

/** Next's built-in 404 / 401 fallbacks ride every response too; these are one reference each. */
export function StatusNotice({ code, message }: { code: number; message: string }) {
  return (
    <main id="main-content" className="flex min-h-screen items-center justify-center p-6">
      <title>{`${code}: ${message}`}</title>
      <h1 className="text-xl font-semibold">
        {code} — {message}
      </h1>
    </main>
  );
}
