export { type ConsoleAuth, getConsoleAuth } from "./console-auth";
export { authorizedAction, authorizedRoute, requirePageAccess } from "./guards";
export { type Actor, type ConsoleRole, can, type Permission } from "./policy";
