import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CustomerAccount } from "@/components/customer/customer-account";
import { ImpersonationBanner } from "@/components/customer/impersonation-banner";
import { getCustomerView } from "@/lib/customer/customer-view";

export const metadata: Metadata = { title: "Customer app · demo" };
// Per-user and per-session (the actor claim): never prerendered or cached.
export const dynamic = "force-dynamic";

/**
 * A stand-in for the product the console's users sign in to: any signed-in user (no console role
 * needed) sees their account, and an impersonation banner while an admin acts as them.
 */
export default async function CustomerPage() {
  const view = await getCustomerView();
  if (!view) redirect("/sign-in?redirect_url=/customer");
  return (
    <main id="main-content" className="mx-auto flex min-h-screen w-full max-w-2xl flex-col gap-6 p-6">
      <header className="space-y-1">
        <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Demo customer app</p>
        <h1 className="text-2xl font-semibold tracking-tight">
          Welcome back{view.user.name ? `, ${view.user.name}` : ""}
        </h1>
      </header>
      <ImpersonationBanner view={view} />
      <CustomerAccount view={view} />
    </main>
  );
}
