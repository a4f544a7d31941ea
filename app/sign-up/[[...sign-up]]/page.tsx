import type { Metadata } from "next";
import { ThemedSignUp } from "@/components/theme/themed-clerk";

export const metadata: Metadata = { title: "Accept your invitation · Clerk Admin Console" };

/**
 * Where invitation links land (`__clerk_ticket`): sign-up is invitation-only, so Clerk's <SignUp/>
 * finishes with the ticket. New accounts go to the customer app; the console needs a role first.
 */
export default function SignUpPage() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-background p-4">
      <h1 className="text-lg font-semibold tracking-tight text-foreground">Clerk Admin Console</h1>
      <ThemedSignUp signInUrl="/sign-in" fallbackRedirectUrl="/customer" />
    </main>
  );
}
