import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";

export default async function InvitationsPage() {
  await requirePageAccess("read");
  const { data, totalCount } = await getClerkClient().invitations.getInvitationList({ limit: 20 });
  return (
    <>
      <PageHeader title="Invitations" description={`${totalCount.toLocaleString("en-US")} invitations.`} />
      <Table data-testid="invitations-table">
        <TableHeader>
          <TableRow>
            <TableHead>Email</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.map((inv) => (
            <TableRow key={inv.id}>
              <TableCell>{inv.emailAddress}</TableCell>
              <TableCell>
                <Badge variant={inv.status === "pending" ? "secondary" : "outline"}>{inv.status}</Badge>
              </TableCell>
              <TableCell>{new Date(inv.createdAt).toISOString().slice(0, 10)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
