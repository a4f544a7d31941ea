import { z } from "zod";
import { defineAction } from "../define-action";
import { toUserOrganizationSummary } from "../organization-projections";
import { limitField, offsetField, orNotFound, pageOf, userIdField } from "./shared";

export const listUserOrganizationsInput = z.strictObject({
  user_id: userIdField,
  limit: limitField,
  offset: offsetField,
});

export const listUserOrganizations = defineAction({
  name: "listUserOrganizations",
  title: "List a user's organizations",
  description:
    "List the organizations one user belongs to, with their role in each. Returns a page and total_count.",
  kind: "read",
  input: listUserOrganizationsInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await orNotFound(
      clerk.users.getOrganizationMembershipList({
        userId: input.user_id,
        ...pageOf(input),
      }),
      "User",
      input.user_id,
    );
    return { organizations: data.map(toUserOrganizationSummary), total_count: totalCount };
  },
});
