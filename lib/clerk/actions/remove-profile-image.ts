import { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import { defineAction } from "../define-action";
import { getUserOrNotFound, preCheck, userIdField } from "./shared";

export const removeProfileImageInput = z.strictObject({ user_id: userIdField });

export const removeProfileImage = defineAction({
  name: "removeProfileImage",
  title: "Remove profile image",
  description:
    "Remove a user's uploaded profile image (e.g. an inappropriate one); they get the default avatar. Needs human approval.",
  kind: "write",
  input: removeProfileImageInput,
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, { clerk }) => {
    const user = await getUserOrNotFound(clerk, input.user_id);
    return { has_image: user.hasImage, updated_at: user.updatedAt };
  },
  preview: () => ({ has_image: false }),
  checks: (_input, snap) => [
    preCheck(
      "has_image",
      snap.has_image,
      "The uploaded image will be removed.",
      "The user has no uploaded image.",
    ),
  ],
  applied: (_input, current) => !current.has_image,
  undo: { reason: "The removed image is not kept, so it cannot be put back; the user uploads it again." },
  run: async (input, { clerk }) => {
    try {
      const user = await clerk.users.deleteUserProfileImage(input.user_id);
      return { id: user.id, has_image: user.hasImage, updated_at: user.updatedAt };
    } catch (raw) {
      if (toAppError(raw).code === "not_found")
        throw AppError.conflict("The user has no uploaded image; nothing changed.");
      throw raw;
    }
  },
});
