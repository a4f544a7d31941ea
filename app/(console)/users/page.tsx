import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";

export default async function UsersPage() {
  await requirePageAccess("read");
  const { data, totalCount } = await getClerkClient().users.getUserList({
    limit: 10,
    orderBy: "-created_at",
  });
  return (
    <>
      <PageHeader
        title="Users"
        description={`${totalCount.toLocaleString("en-US")} users in this instance.`}
      />
      <Table data-testid="users-table">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.map((u) => (
            <TableRow key={u.id}>
              <TableCell>{[u.firstName, u.lastName].filter(Boolean).join(" ") || "—"}</TableCell>
              <TableCell>{u.primaryEmailAddress?.emailAddress ?? "—"}</TableCell>
              <TableCell>{new Date(u.createdAt).toISOString().slice(0, 10)}</TableCell>
              <TableCell className="space-x-1">
                {u.banned && <Badge variant="destructive">Banned</Badge>}
                {u.locked && <Badge variant="warning">Locked</Badge>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
