import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { ConsoleRole } from "@/lib/auth/policy";

export function PlaceholderNotice({ section, role }: { section: string; role: ConsoleRole }) {
  return (
    <Alert data-testid="placeholder-notice">
      <AlertTitle>The {section} is not built yet.</AlertTitle>
      <AlertDescription>
        You are signed in as {role === "admin" ? "an admin" : "a viewer"}; this page already enforces that
        role.
      </AlertDescription>
    </Alert>
  );
}
