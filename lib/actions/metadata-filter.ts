"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";
import { resyncMetadataIndex } from "@/lib/webhooks/metadata-index";

/** Full rebuild of the public-metadata index from Clerk (admins): `{ users, removed }`. */
export const resyncMetadataIndexAction = authorizedAction("write", z.strictObject({}), async () => {
  const result = await resyncMetadataIndex(getClerkClient());
  revalidatePath("/users");
  return result;
});
