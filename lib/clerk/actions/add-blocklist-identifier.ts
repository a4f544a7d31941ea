import { addAction } from "./access-list-actions";

export const addBlocklistIdentifier = addAction("blocklist");
