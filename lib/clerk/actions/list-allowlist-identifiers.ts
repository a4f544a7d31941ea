import { listAction } from "./access-list-actions";

export const listAllowlistIdentifiers = listAction("allowlist");
