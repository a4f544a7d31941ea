import { type ChatHandlerDeps, handleChatRequest } from "@/lib/agent/chat-handler";
import type { Actor } from "@/lib/auth/policy";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { LOCAL_SECRET_KEY, LOCAL_TOOL_APPROVAL_SECRET } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

/** What the chat handler runs on in tests: a seeded in-process Local Clerk, a PGlite store, a client. */
export async function startChatFixture(seedUsers: number): Promise<{
  lc: LocalClerkHandle;
  tdb: TestDatabase;
  ctx: ActionContext;
}> {
  const [lc, tdb] = await Promise.all([
    startLocalClerk({ port: 0, quiet: true, seedUsers }),
    createTestDatabase("pglite"),
  ]);
  return { lc, tdb, ctx: { clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) } };
}

/** The agent identity of a seeded Local Clerk user (an empty id when the email is not seeded). */
export function seededAuth(lc: LocalClerkHandle, email: string, role: Actor["role"]): Actor {
  return { userId: lc.state.users.findByEmail(email)?.id ?? "", email, role };
}

type ChatCall = Omit<ChatHandlerDeps, "actions" | "approvalSecret" | "allowPrivateMetadata"> &
  Partial<Pick<ChatHandlerDeps, "allowPrivateMetadata">>;

/** The chat handler over the console's agent actions, signed with Local Clerk's approval secret. */
export function sendChat(call: ChatCall): Promise<Response> {
  return handleChatRequest({
    approvalSecret: LOCAL_TOOL_APPROVAL_SECRET,
    allowPrivateMetadata: false,
    ...call,
  });
}
