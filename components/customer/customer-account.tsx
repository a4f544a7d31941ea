import { SignOutButton } from "@clerk/nextjs";
import { Button } from "@/components/ui/button";
import { TitledCard } from "@/components/ui/card";
import type { CustomerView } from "@/lib/customer/customer-view";

/** The demo customer app's one screen: the account the browser is signed in to. */
export function CustomerAccount({ view }: { view: CustomerView }) {
  return (
    <TitledCard
      title="Your account"
      description="What the customer sees after signing in."
      contentClassName="space-y-3 text-sm"
    >
      <dl className="grid grid-cols-[8rem_1fr] gap-y-2">
        <dt className="text-muted-foreground">Name</dt>
        <dd data-testid="customer-name">{view.user.name ?? "—"}</dd>
        <dt className="text-muted-foreground">Email</dt>
        <dd data-testid="customer-email">{view.user.email ?? "—"}</dd>
        <dt className="text-muted-foreground">User ID</dt>
        <dd className="font-mono text-xs" data-testid="customer-user-id">
          {view.user.id}
        </dd>
        {view.actor ? (
          <>
            <dt className="text-muted-foreground">Actor</dt>
            <dd className="font-mono text-xs" data-testid="customer-actor-id">
              {view.actor.id}
            </dd>
          </>
        ) : null}
      </dl>
      <SignOutButton redirectUrl="/sign-in">
        <Button variant="outline" size="sm">
          Sign out
        </Button>
      </SignOutButton>
    </TitledCard>
  );
}
