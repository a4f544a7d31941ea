import { Badge } from "@/components/ui/badge";

export function UserStatusBadges({ banned, locked }: { banned: boolean; locked: boolean }) {
  if (!banned && !locked) return <span className="text-muted-foreground/70">Active</span>;
  return (
    <span className="flex gap-1">
      {banned && (
        <Badge variant="destructive" data-testid="badge-banned">
          Banned
        </Badge>
      )}
      {locked && (
        <Badge variant="warning" data-testid="badge-locked">
          Locked
        </Badge>
      )}
    </span>
  );
}
