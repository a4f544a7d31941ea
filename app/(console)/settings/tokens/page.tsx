import { PageHeader } from "@/components/shell/page-header";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { requirePageAccess } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listAccessTokens, scopesFor } from "@/lib/tokens/tokens";

export default async function TokensPage() {
  const me = await requirePageAccess("read");
  const tokens = await listAccessTokens(await getDb(), me);
  return (
    <>
      <PageHeader
        title="Access tokens"
        description="Personal access tokens for MCP clients (Claude Desktop, Cursor, the MCP Inspector) at /api/mcp. A token never grants more than your role; writes it proposes wait in Approvals."
      />
      <section aria-labelledby="create-heading" className="mb-10">
        <h2 id="create-heading" className="mb-3 text-lg font-semibold">
          New token
        </h2>
        {me.role === "viewer" && (
          <p className="mb-3 text-sm text-muted-foreground">As a viewer you can create read-only tokens.</p>
        )}
        <CreateTokenForm scopes={scopesFor(me.role)} />
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-3 text-lg font-semibold">
          {me.role === "admin" ? "All tokens" : "Your tokens"}
        </h2>
        <TokensTable tokens={tokens} meUserId={me.userId} />
      </section>
    </>
  );
}
