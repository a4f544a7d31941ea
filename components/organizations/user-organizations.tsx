import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDate } from "@/components/users/format";
import type { UserOrganizationSummary } from "@/lib/clerk/organization-projections";

/** The user page's "Organizations" section: each membership with its role. */
export function UserOrganizations({
  organizations,
  error,
}: {
  organizations: UserOrganizationSummary[];
  error?: string | null;
}) {
  if (error)
    return (
      <p role="alert" className="text-sm text-destructive" data-testid="user-organizations-error">
        Could not load organizations. {error}
      </p>
    );
  if (organizations.length === 0)
    return (
      <p className="text-sm text-muted-foreground" data-testid="user-organizations-empty">
        Not a member of any organization.
      </p>
    );
  return (
    <DataTable
      aria-label="Organizations"
      data-testid="user-organizations"
      columns={["Organization", "Role", "Joined"]}
    >
      {organizations.map((o) => (
        <TableRow
          key={o.membership_id}
          data-testid="user-organization-row"
          data-organization-id={o.organization_id}
        >
          <TableCell>
            <Link href={`/organizations/${o.organization_id}`} className="font-medium hover:underline">
              {o.organization_name}
            </Link>{" "}
            <span className="font-mono text-xs text-muted-foreground">{o.organization_slug}</span>
          </TableCell>
          <TableCell>
            <Badge variant={o.role === "org:admin" ? "default" : "secondary"}>{o.role}</Badge>
          </TableCell>
          <TableCell>{formatDate(o.created_at)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
