import Link from "next/link";
import { Badge } from "@/components/ui/badge";

interface UserLike {
  id: string;
  first_name?: string;
  last_name?: string;
  primary_email?: string;
  email_addresses?: string[];
  created_at?: number;
  last_sign_in_at?: number;
  banned?: boolean;
  locked?: boolean;
  public_metadata?: Record<string, unknown>;
  private_metadata?: unknown;
}

const name = (u: UserLike) => [u.first_name, u.last_name].filter(Boolean).join(" ") || "(no name)";
const date = (ms: number | undefined) => (ms ? new Date(ms).toLocaleDateString() : "never");

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

export function plainError(error: unknown): string {
  if (isRecord(error) && typeof error.message === "string") return error.message;
  if (typeof error === "string") return error.replace(/^Refused: /, "Refused: ");
  return "Something went wrong.";
}

export function ToolErrorCard({ text }: { text: string }) {
  return (
    <div
      role="alert"
      data-testid="tool-error"
      className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive"
    >
      {text}
    </div>
  );
}

function UserTable({ users, total }: { users: UserLike[]; total?: number }) {
  return (
    <div data-testid="tool-user-list" className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-left text-xs">
        <thead className="bg-muted/50 text-muted-foreground">
          <tr>
            <th className="px-2 py-1 font-medium">Name</th>
            <th className="px-2 py-1 font-medium">Email</th>
            <th className="px-2 py-1 font-medium">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-border">
              <td className="px-2 py-1">
                <Link className="underline-offset-2 hover:underline" href={`/users/${u.id}`}>
                  {name(u)}
                </Link>
              </td>
              <td className="px-2 py-1">{u.primary_email ?? u.email_addresses?.[0] ?? ""}</td>
              <td className="px-2 py-1">
                {u.banned && <Badge variant="destructive">banned</Badge>}{" "}
                {u.locked && <Badge variant="warning">locked</Badge>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total !== undefined && (
        <p className="border-t border-border px-2 py-1 text-xs text-muted-foreground">
          Showing {users.length} of {total}
        </p>
      )}
    </div>
  );
}

function ProfileCard({ user }: { user: UserLike }) {
  return (
    <div data-testid="tool-user-profile" className="rounded-md border border-border bg-card p-3 text-sm">
      <div className="flex items-center gap-2">
        <Link href={`/users/${user.id}`} className="font-medium underline-offset-2 hover:underline">
          {name(user)}
        </Link>
        {user.banned && <Badge variant="destructive">banned</Badge>}
        {user.locked && <Badge variant="warning">locked</Badge>}
      </div>
      <p className="text-foreground/80">{user.primary_email ?? user.email_addresses?.[0]}</p>
      <p className="text-xs text-muted-foreground">
        {user.id} · joined {date(user.created_at)} · last sign-in {date(user.last_sign_in_at)}
      </p>
      {user.public_metadata && Object.keys(user.public_metadata).length > 0 && (
        <pre className="mt-2 overflow-x-auto rounded bg-muted/50 p-2 font-mono text-xs">
          {JSON.stringify(user.public_metadata, null, 2)}
        </pre>
      )}
    </div>
  );
}

/** Renders a tool's result the way an admin reads it: tables, profile cards, plain-word errors. */
export function ToolResultCard({ toolName, output }: { toolName: string; output: unknown }) {
  if (isRecord(output) && "error" in output) return <ToolErrorCard text={plainError(output.error)} />;
  if (isRecord(output) && Array.isArray(output.users)) {
    const [only] = output.users as UserLike[];
    if (output.users.length === 1 && only) return <ProfileCard user={only} />;
    return <UserTable users={output.users as UserLike[]} total={output.total_count as number | undefined} />;
  }
  if (toolName === "getUser" && isRecord(output) && typeof output.id === "string") {
    return <ProfileCard user={output as unknown as UserLike} />;
  }
  if (toolName === "countUsers" && isRecord(output)) {
    return (
      <p className="text-sm">Count: {String(output.total_count ?? output.count ?? JSON.stringify(output))}</p>
    );
  }
  return (
    <pre data-testid="tool-output" className="overflow-x-auto rounded-md bg-muted/50 p-2 font-mono text-xs">
      {JSON.stringify(output, null, 2)}
    </pre>
  );
}
