export { assertPermission, type ConsoleAuth, getConsoleAuth, requireConsoleAuth } from "./console-auth";
export { authorizedAction, authorizedRoute, requirePageAccess } from "./guards";
export {
  type Actor,
  CONSOLE_ROLES,
  type ConsoleRole,
  can,
  decideAccess,
  PERMISSIONS,
  type Permission,
  parseAdminEmails,
  roleFromMetadata,
} from "./policy";
