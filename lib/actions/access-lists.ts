"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth";
import { addAllowlistIdentifier } from "@/lib/clerk/actions/add-allowlist-identifier";
import { addBlocklistIdentifier } from "@/lib/clerk/actions/add-blocklist-identifier";
import { removeAllowlistIdentifier } from "@/lib/clerk/actions/remove-allowlist-identifier";
import { removeBlocklistIdentifier } from "@/lib/clerk/actions/remove-blocklist-identifier";
import { checkedWrite } from "@/lib/console/audited-write";

const list = z.enum(["allowlist", "blocklist"]);

export const addAccessListIdentifierAction = authorizedAction(
  "write",
  z.strictObject({ list, identifier: z.string().max(320) }),
  async (input, auth) => {
    const action = input.list === "allowlist" ? addAllowlistIdentifier : addBlocklistIdentifier;
    const added = await checkedWrite(auth, action, { identifier: input.identifier.trim() });
    revalidatePath("/access");
    return added;
  },
);

export const removeAccessListIdentifierAction = authorizedAction(
  "write",
  z.strictObject({ list, identifier_id: z.string().max(64) }),
  async (input, auth) => {
    const action = input.list === "allowlist" ? removeAllowlistIdentifier : removeBlocklistIdentifier;
    const removed = await checkedWrite(auth, action, { identifier_id: input.identifier_id });
    revalidatePath("/access");
    return removed;
  },
);
