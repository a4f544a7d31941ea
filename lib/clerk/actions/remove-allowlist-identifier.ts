import { removeAction } from "./access-list-actions";

export const removeAllowlistIdentifier = removeAction("allowlist");
