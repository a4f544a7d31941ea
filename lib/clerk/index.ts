export { type ClerkClient, clerkTimeoutMs, createClerkClientFor, getClerkClient } from "./client";
export {
  type ActionContext,
  type ActionInput,
  type ActionOutput,
  type AnyAction,
  defineAction,
  isWriteAction,
  type PreCheck,
  parseInput,
  proposeWrite,
  type ReadAction,
  type RunOptions,
  runAction,
  type TargetRef,
  touchedBefore,
  type WriteAction,
  type WriteProposal,
} from "./define-action";
export {
  deepEqual,
  diffMetadata,
  formatPath,
  METADATA_LIMIT_BYTES,
  type Metadata,
  type MetadataChange,
  mergeMetadata,
  metadataBytes,
} from "./metadata";
export type { InvitationSummary, SessionSummary, UserStatus, UserSummary } from "./projections";
export {
  type ActionName,
  actionList,
  actions,
  getAction,
  isActionName,
  readActions,
  writeActions,
} from "./registry";
export { withReadRetry } from "./retry";
export { stableHash, stableStringify } from "./stable-hash";
