import { z } from "zod";
import {
  maxMembershipsField,
  organizationIdField,
  orgNameField,
  orgRoleField,
  orgSlugField,
} from "@/lib/clerk/actions/organization-shared";

/** What the console's organization forms post; the action schemas re-check everything. */
export const createOrganizationFormSchema = z.strictObject({
  name: orgNameField,
  slug: z.union([orgSlugField, z.literal("")]).optional(),
  max_allowed_memberships: maxMembershipsField.optional(),
});

export const saveOrganizationMetadataSchema = z.strictObject({
  organization_id: organizationIdField,
  kind: z.enum(["public", "private"]),
  patch: z.string().max(65_536, "The patch is too long."),
  expected_updated_at: z.int().nonnegative(),
});

export const deleteOrganizationFormSchema = z.strictObject({
  organization_id: organizationIdField,
  confirm_slug: z.string().max(256),
});

/** A member is named by user id or by the email of an existing user. */
export const addMemberFormSchema = z.strictObject({
  organization_id: organizationIdField,
  user: z.string().trim().min(1, "Give a user id or an email address.").max(320),
  role: orgRoleField,
});

export const inviteToOrganizationFormSchema = z.strictObject({
  organization_id: organizationIdField,
  email: z.email("Enter a valid email address.").max(320),
  role: orgRoleField,
});
