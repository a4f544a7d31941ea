// The approvals inbox: writes proposed by non-interactive sources (MCP clients, and chats their admin
// left) wait here for a human. It reuses the chat's binding (lib/approvals/approvals: args hash, target
// state hash, expiry, single use, claimApprovedCall) and adds only what an inbox needs: proposals
// without a chat, a decision by any admin for machine-proposed items, and execution on approval.
// The inbox's public API stays one module for its callers (MCP, REST, console); the work is split
// into queries (listing, status, withdrawal), proposing and deciding.
export { decideInboxItems } from "./inbox-decide";
export {
  inboxTtlSeconds,
  proposeConsoleRequest,
  proposeInboxWrite,
} from "./inbox-propose";
export {
  approvalStatusForProposer,
  cancelTokenProposals,
  expireOverdue,
  listInbox,
  pendingInboxCount,
  withdrawProposal,
} from "./inbox-queries";
export type { InboxDeps } from "./inbox-types";
