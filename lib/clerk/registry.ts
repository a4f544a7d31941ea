import { addAllowlistIdentifier } from "./actions/add-allowlist-identifier";
import { addBlocklistIdentifier } from "./actions/add-blocklist-identifier";
import { addEmailAddress } from "./actions/add-email-address";
import { addOrganizationMember } from "./actions/add-organization-member";
import { addPhoneNumber } from "./actions/add-phone-number";
import { banUser } from "./actions/ban-user";
import { countSignInsPerDay } from "./actions/count-sign-ins-per-day";
import { countUsers } from "./actions/count-users";
import { createInvitation } from "./actions/create-invitation";
import { createOrganization } from "./actions/create-organization";
import { createOrganizationInvitation } from "./actions/create-organization-invitation";
import { createSignInToken } from "./actions/create-sign-in-token";
import { createUser } from "./actions/create-user";
import { deleteOrganization } from "./actions/delete-organization";
import { deleteUser } from "./actions/delete-user";
import { disableMfa } from "./actions/disable-mfa";
import { getOrganization } from "./actions/get-organization";
import { getUser } from "./actions/get-user";
import { impersonateUser } from "./actions/impersonate-user";
import { listActiveSessions } from "./actions/list-active-sessions";
import { listAllowlistIdentifiers } from "./actions/list-allowlist-identifiers";
import { listAuditEntries } from "./actions/list-audit-entries";
import { listBlocklistIdentifiers } from "./actions/list-blocklist-identifiers";
import { listImpersonations } from "./actions/list-impersonations";
import { listInvitations } from "./actions/list-invitations";
import { listOrganizationInvitations } from "./actions/list-organization-invitations";
import { listOrganizationMembers } from "./actions/list-organization-members";
import { listOrganizationRoles } from "./actions/list-organization-roles";
import { listOrganizations } from "./actions/list-organizations";
import { listSessions } from "./actions/list-sessions";
import { listSignIns } from "./actions/list-sign-ins";
import { listSuspiciousSignIns } from "./actions/list-suspicious-sign-ins";
import { listUserOrganizations } from "./actions/list-user-organizations";
import { listUsers } from "./actions/list-users";
import { lockUser } from "./actions/lock-user";
import { proposeUndo } from "./actions/propose-undo";
import { removeAllowlistIdentifier } from "./actions/remove-allowlist-identifier";
import { removeBlocklistIdentifier } from "./actions/remove-blocklist-identifier";
import { removeEmailAddress } from "./actions/remove-email-address";
import { removeOrganizationMember } from "./actions/remove-organization-member";
import { removePhoneNumber } from "./actions/remove-phone-number";
import { removeProfileImage } from "./actions/remove-profile-image";
import { revokeAllSessions } from "./actions/revoke-all-sessions";
import { revokeImpersonation } from "./actions/revoke-impersonation";
import { revokeInvitation } from "./actions/revoke-invitation";
import { revokeOrganizationInvitation } from "./actions/revoke-organization-invitation";
import { revokeSession } from "./actions/revoke-session";
import { searchUsersByMetadata } from "./actions/search-users-by-metadata";
import { setPassword } from "./actions/set-password";
import { setPrimaryEmailAddress } from "./actions/set-primary-email-address";
import { setPrimaryPhoneNumber } from "./actions/set-primary-phone-number";
import { unbanUser } from "./actions/unban-user";
import { unlockUser } from "./actions/unlock-user";
import { updateOrganization } from "./actions/update-organization";
import { updateOrganizationMemberRole } from "./actions/update-organization-member-role";
import { updateOrganizationMetadata } from "./actions/update-organization-metadata";
import { updateUserMetadata } from "./actions/update-user-metadata";
import { updateUserProfile } from "./actions/update-user-profile";
import { verifyEmailAddress } from "./actions/verify-email-address";
import { verifyPhoneNumber } from "./actions/verify-phone-number";
import type { AnyAction, ReadAction, WriteAction } from "./define-action";

export const actions = {
  getUser,
  listUsers,
  countUsers,
  searchUsersByMetadata,
  listInvitations,
  listSessions,
  listActiveSessions,
  listSignIns,
  countSignInsPerDay,
  listSuspiciousSignIns,
  updateUserMetadata,
  createInvitation,
  revokeInvitation,
  revokeSession,
  banUser,
  unbanUser,
  lockUser,
  unlockUser,
  listOrganizations,
  getOrganization,
  listOrganizationMembers,
  listOrganizationInvitations,
  listOrganizationRoles,
  listUserOrganizations,
  createOrganization,
  updateOrganization,
  updateOrganizationMetadata,
  deleteOrganization,
  addOrganizationMember,
  updateOrganizationMemberRole,
  removeOrganizationMember,
  createOrganizationInvitation,
  revokeOrganizationInvitation,
  createUser,
  updateUserProfile,
  setPassword,
  revokeAllSessions,
  deleteUser,
  disableMfa,
  removeProfileImage,
  createSignInToken,
  impersonateUser,
  revokeImpersonation,
  listImpersonations,
  addEmailAddress,
  verifyEmailAddress,
  setPrimaryEmailAddress,
  removeEmailAddress,
  addPhoneNumber,
  verifyPhoneNumber,
  setPrimaryPhoneNumber,
  removePhoneNumber,
  listAllowlistIdentifiers,
  addAllowlistIdentifier,
  removeAllowlistIdentifier,
  listBlocklistIdentifiers,
  addBlocklistIdentifier,
  removeBlocklistIdentifier,
  listAuditEntries,
  proposeUndo,
} as const;

export type Actions = typeof actions;
export type ActionName = keyof Actions;

export const actionList: readonly AnyAction[] = Object.values(actions);
export const readActions: readonly ReadAction[] = actionList.filter(
  (a): a is ReadAction => a.kind === "read",
);
export const writeActions: readonly WriteAction[] = actionList.filter(
  (a): a is WriteAction => a.kind === "write",
);

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(actions, name);
}

export function getAction(name: string): AnyAction | undefined {
  return isActionName(name) ? actions[name] : undefined;
}
