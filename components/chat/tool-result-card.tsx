import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { ChatToolOutput, ChatToolPart, ToolError } from "@/lib/agent/chat-message";
import { AutomationCard } from "./automation-card";
import { BulkPlanCard } from "./bulk-plan-card";

type UserView = Exclude<ChatToolOutput<"getUser">, ToolError>;
type OutputPart = Extract<ChatToolPart, { state: "output-available" }>;

const name = (u: UserView) => [u.first_name, u.last_name].filter(Boolean).join(" ") || "(no name)";
const date = (ms: number | undefined) => (ms ? new Date(ms).toLocaleDateString() : "never");

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

function UserTable({ users, total }: { users: UserView[]; total: number }) {
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
      <p className="border-t border-border px-2 py-1 text-xs text-muted-foreground">
        Showing {users.length} of {total}
      </p>
    </div>
  );
}

function ProfileCard({ user }: { user: UserView }) {
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
      {Object.keys(user.public_metadata).length > 0 && (
        <pre className="mt-2 overflow-x-auto rounded bg-muted/50 p-2 font-mono text-xs">
          {JSON.stringify(user.public_metadata, null, 2)}
        </pre>
      )}
    </div>
  );
}

function JsonOutput({ value }: { value: unknown }) {
  return (
    <pre data-testid="tool-output" className="overflow-x-auto rounded-md bg-muted/50 p-2 font-mono text-xs">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function isToolError(output: object): output is ToolError {
  return "error" in output;
}

/** A read tool's answer, or the error it reported as data. */
function readResult<T extends object>(output: T | ToolError, render: (value: T) => ReactNode): ReactNode {
  return isToolError(output) ? <ToolErrorCard text={output.error.message} /> : render(output);
}

/** Renders a tool's result the way an admin reads it: tables, profile cards, plain-word errors. */
export function ToolResultCard({ part }: { part: OutputPart }) {
  switch (part.type) {
    case "tool-getUser":
      return readResult(part.output, (user) => <ProfileCard user={user} />);
    case "tool-listUsers":
      return readResult(part.output, ({ users = [], total_count }) => {
        const [only] = users;
        if (users.length === 1 && only) return <ProfileCard user={only} />;
        return <UserTable users={users} total={total_count} />;
      });
    case "tool-countUsers":
      return readResult(part.output, ({ total_count }) => <p className="text-sm">Count: {total_count}</p>);
    case "tool-proposeBulkJob":
      return readResult(part.output, (job) => <BulkPlanCard job={job} />);
    case "tool-proposeAutomation":
      return readResult(part.output, (proposal) => <AutomationCard proposal={proposal} />);
    case "tool-listInvitations":
    case "tool-listSessions":
      return readResult(part.output, (value) => <JsonOutput value={value} />);
    default:
      return <JsonOutput value={part.output} />;
  }
}
