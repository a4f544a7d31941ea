import { z } from "zod";
import { userIdField } from "@/lib/clerk/actions/shared";

/** What the metadata editor posts: the patch as typed (JSON text), so the server re-validates it too. */
export const saveMetadataSchema = z.strictObject({
  user_id: userIdField,
  kind: z.enum(["public", "private", "unsafe"]),
  patch: z.string().max(65_536, "The patch is too long."),
  expected_updated_at: z.int().nonnegative(),
});
