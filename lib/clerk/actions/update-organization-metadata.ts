import { z } from "zod";
import { type ActionContext, defineAction, preWriteRead } from "../define-action";
import {
  inverseMetadataPatch,
  isPlainObject,
  type Metadata,
  mergeApplied,
  mergeKinds,
  metadataSizeChecks,
  nullPaths,
} from "../metadata";
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

function merged(input: Input, current: Record<Kind, Metadata>): Partial<Record<Kind, Metadata>> {
  return mergeKinds(KINDS, input, current);
}

async function read(clerk: ActionContext["clerk"], id: string) {
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
  undo: {
    // The merge patch that turns what this write left (the entry's after) back into what it found.
    inverse: (input, before, after) => {
      const out: Record<string, unknown> = { organization_id: input.organization_id };
      const written = isPlainObject(after) ? after : {};
      for (const kind of KINDS) {
        if (input[kind] === undefined) continue;
        const nulls = nullPaths(before[kind]);
        if (nulls.length > 0) {
          throw new Error(
            `The earlier ${kind.replace("_", " ")} holds null at ${nulls.slice(0, 3).join(", ")}, which Clerk's merge endpoint cannot write back; undo is not possible.`,
          );
        }
        const now = isPlainObject(written[kind]) ? (written[kind] as Metadata) : {};
        out[kind] = inverseMetadataPatch(now, before[kind]);
      }
      return out;
    },
  },
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
