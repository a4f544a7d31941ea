import { removeAction } from "./access-list-actions";

export const removeBlocklistIdentifier = removeAction("blocklist");
