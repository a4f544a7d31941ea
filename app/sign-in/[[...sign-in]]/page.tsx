import type { Metadata } from "next";
import { ThemedSignIn } from "@/components/theme/themed-clerk";

export const metadata: Metadata = { title: "Sign in · Clerk Admin Console" };

export default function SignInPage() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-background p-4">
      <h1 className="text-lg font-semibold tracking-tight text-foreground">Clerk Admin Console</h1>
      <ThemedSignIn />
    </main>
  );
}
