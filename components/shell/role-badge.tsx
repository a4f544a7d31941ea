import { Badge } from "@/components/ui/badge";
import type { ConsoleRole } from "@/lib/auth/policy";

const LABEL: Record<ConsoleRole, string> = {
  admin: "Admin",
  support: "Support",
  viewer: "Viewer (read-only)",
  none: "No role",
};

export function RoleBadge({ role }: { role: ConsoleRole }) {
  return (
    <Badge
      variant={role === "admin" ? "default" : role === "none" ? "destructive" : "secondary"}
      data-testid="console-role"
      data-role={role}
    >
      {LABEL[role]}
    </Badge>
  );
}
