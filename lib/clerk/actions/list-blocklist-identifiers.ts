import { listAction } from "./access-list-actions";

export const listBlocklistIdentifiers = listAction("blocklist");
