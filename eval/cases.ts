// The evaluation set, in the order it runs (reads before the writes that change what they read).

import { lifecycleCases, profileCases } from "./cases/accounts";
import { historyCases } from "./cases/history";
import { impersonationCases } from "./cases/impersonations";
import { bulkCases, metadataSearchCases, metadataWriteCases } from "./cases/metadata";
import { accessListCases, organizationCases } from "./cases/organizations";
import { invitationCases, moderationCases, sessionCases, signInCases } from "./cases/people";
import { refusalCases } from "./cases/refusals";
import { filterCases, lookupCases } from "./cases/users-read";
import type { EvalCase } from "./types";

export const evalCases: EvalCase[] = [
  ...lookupCases,
  ...filterCases,
  ...metadataSearchCases,
  ...refusalCases,
  ...bulkCases,
  ...metadataWriteCases,
  ...invitationCases,
  ...sessionCases,
  ...impersonationCases,
  ...signInCases,
  ...moderationCases,
  ...profileCases,
  ...lifecycleCases,
  ...organizationCases,
  ...accessListCases,
  ...historyCases,
];

const ids = new Set<string>();
for (const c of evalCases) {
  const key = `${c.category}/${c.id}`;
  if (ids.has(key)) throw new Error(`duplicate eval case ${key}`);
  ids.add(key);
}
