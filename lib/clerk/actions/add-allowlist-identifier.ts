import { addAction } from "./access-list-actions";

export const addAllowlistIdentifier = addAction("allowlist");
