"use client";

import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { RevokeAction } from "@/components/users/revoke-action";
import { revokeTokenAction } from "@/lib/actions/tokens";
import type { AccessTokenView } from "@/lib/tokens/tokens";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
const STATUS_VARIANT = { active: "success", revoked: "destructive", expired: "secondary" } as const;

export function TokensTable({ tokens, meUserId }: { tokens: AccessTokenView[]; meUserId: string }) {
  if (tokens.length === 0) return <p className="text-sm text-muted-foreground">No tokens yet.</p>;
  return (
    <DataTable
      data-testid="tokens-table"
      columns={["Name", "Token", "Scope", "Status", "Owner", "Expires", "Last used"]}
      actions
    >
      {tokens.map((t) => (
        <TableRow key={t.id} data-token-id={t.id}>
          <TableCell className="font-medium">{t.name}</TableCell>
          <TableCell className="font-mono text-xs">{t.prefix ? `${t.prefix}…` : "—"}</TableCell>
          <TableCell>{t.scope}</TableCell>
          <TableCell>
            <Badge variant={STATUS_VARIANT[t.status]}>{t.status}</Badge>
          </TableCell>
          <TableCell className="font-mono text-xs">
            {t.createdBy === meUserId ? "you" : t.createdBy}
          </TableCell>
          <TableCell className="text-xs">{when(t.expiresAt)}</TableCell>
          <TableCell className="text-xs" data-testid="token-last-used">
            {when(t.lastUsedAt)}
          </TableCell>
          <TableCell>
            {t.status === "active" && (
              <RevokeAction
                title={`Revoke “${t.name}”?`}
                description="Clients using it get 401 at once; what it proposed and nobody decided is cancelled."
                confirmLabel="Revoke token"
                run={() => revokeTokenAction({ id: t.id })}
                successMessage={`Revoked “${t.name}”.`}
                testId={`revoke-${t.id}`}
              />
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
