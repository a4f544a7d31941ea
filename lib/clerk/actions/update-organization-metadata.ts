import { z } from "zod";
import { type ActionContext, defineAction, preWriteRead } from "../define-action";
import { type Metadata, mergeApplied, mergeKinds, metadataSizeChecks } from "../metadata";
import { toOrganizationSummary } from "../organization-projections";
import { organizationIdField } from "./organization-shared";
import { assertMetadataFits, metadataField, orNotFound } from "./shared";

const KINDS = ["public_metadata", "private_metadata"] as const;
type Kind = (typeof KINDS)[number];

export const updateOrganizationMetadataInput = z
  .strictObject({
    organization_id: organizationIdField,
    public_metadata: metadataField("Public", " Readable by members' browsers; writable only by the backend."),
    private_metadata: metadataField("Private", " Backend only; never sent to the browser."),
  })
  .refine((v) => KINDS.some((k) => v[k] !== undefined), {
    message: "Give at least one of public_metadata or private_metadata.",
  });

type Input = z.output<typeof updateOrganizationMetadataInput>;

export interface OrganizationMetadataSnapshot {
  public_metadata: Metadata;
  private_metadata: Metadata;
  updated_at: number;
}

function merged(
  input: Input,
  current: Pick<OrganizationMetadataSnapshot, Kind>,
): Partial<Record<Kind, Metadata>> {
  return mergeKinds(KINDS, input, current);
}

async function read(clerk: ActionContext["clerk"], id: string): Promise<OrganizationMetadataSnapshot> {
  const org = await orNotFound(
    clerk.organizations.getOrganization({ organizationId: id }),
    "Organization",
    id,
  );
  return {
    public_metadata: { ...(org.publicMetadata ?? {}) },
    private_metadata: { ...(org.privateMetadata ?? {}) },
    updated_at: org.updatedAt,
  };
}

export const updateOrganizationMetadata = defineAction({
  name: "updateOrganizationMetadata",
  title: "Update organization metadata",
  description:
    "Deep-merge changes into an organization's public and/or private metadata (Clerk's merge endpoint). Only the keys given change; null deletes a key. Max 8 KB each after the merge. Needs human approval.",
  kind: "write",
  input: updateOrganizationMetadataInput,
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot: (input, { clerk }) => read(clerk, input.organization_id),
  preview: (input, snapshot) => merged(input, snapshot),
  checks: (input, snapshot) => metadataSizeChecks(merged(input, snapshot)),
  applied: (input, current) => mergeApplied(merged(input, current), current),
  run: async (input, { clerk }) => {
    const current = await preWriteRead(
      () => read(clerk, input.organization_id),
      "updateOrganizationMetadata.current",
    );
    assertMetadataFits(
      merged(input, current),
      "Metadata would exceed Clerk's 8 KB limit; nothing was changed.",
    );
    const org = await orNotFound(
      clerk.organizations.updateOrganizationMetadata(input.organization_id, {
        publicMetadata: input.public_metadata,
        privateMetadata: input.private_metadata,
      }),
      "Organization",
      input.organization_id,
    );
    return toOrganizationSummary(org);
  },
});
