import { VenetianMaskIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { CustomerView } from "@/lib/customer/customer-view";

/** Shown while the session carries Clerk's `act` claim: someone else is acting as this user. */
export function ImpersonationBanner({ view }: { view: CustomerView }) {
  if (!view.actor) return null;
  const actor = view.actor.email ?? view.actor.id;
  const user = view.user.email ?? view.user.id;
  return (
    <Alert variant="warning" data-testid="impersonation-banner">
      <VenetianMaskIcon aria-hidden="true" />
      <AlertTitle>Impersonation session</AlertTitle>
      <AlertDescription>
        <span data-testid="impersonation-actor">{actor}</span> is signed in as{" "}
        <span data-testid="impersonation-user">{user}</span>. Everything done here is done as this user.
      </AlertDescription>
    </Alert>
  );
}
