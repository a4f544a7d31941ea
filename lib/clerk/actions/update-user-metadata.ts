import { z } from "zod";
import type { ClerkClient } from "../client";
import { defineAction, preWriteRead } from "../define-action";
import { type Metadata, mergeApplied, mergeKinds, metadataSizeChecks } from "../metadata";
import { userMetadata } from "../projections";
import { assertMetadataFits, getUserOrNotFound, metadataField, orNotFound, userIdField } from "./shared";

const KINDS = ["public_metadata", "private_metadata", "unsafe_metadata"] as const;
type Kind = (typeof KINDS)[number];

export const updateUserMetadataInput = z
  .strictObject({
    user_id: userIdField,
    public_metadata: metadataField(
      "Public",
      " Readable by the user's browser; writable only by the backend.",
    ),
    private_metadata: metadataField("Private", " Backend only; never sent to the browser."),
    unsafe_metadata: metadataField("Unsafe", " Also writable by the user from the browser."),
  })
  .refine((v) => KINDS.some((k) => v[k] !== undefined), {
    message: "Give at least one of public_metadata, private_metadata or unsafe_metadata.",
  });

type Input = z.output<typeof updateUserMetadataInput>;

export interface MetadataSnapshot {
  public_metadata: Metadata;
  private_metadata: Metadata;
  unsafe_metadata: Metadata;
  updated_at: number;
}

export type MetadataAfter = Partial<Record<Kind, Metadata>>;

function merged(input: Input, snapshot: Omit<MetadataSnapshot, "updated_at">): MetadataAfter {
  return mergeKinds(KINDS, input, snapshot);
}

async function read(clerk: ClerkClient, userId: string): Promise<MetadataSnapshot> {
  const user = await getUserOrNotFound(clerk, userId);
  return { ...userMetadata(user), updated_at: user.updatedAt };
}

export const updateUserMetadata = defineAction({
  name: "updateUserMetadata",
  title: "Update user metadata",
  description:
    "Deep-merge changes into a user's public, private and/or unsafe metadata (Clerk's merge endpoint). Only the keys given change; set a key to null to delete it. Needs human approval.",
  kind: "write",
  input: updateUserMetadataInput,
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: (input, { clerk }) => read(clerk, input.user_id),
  preview: (input, snapshot) => merged(input, snapshot),
  checks: (input, snapshot) => metadataSizeChecks(merged(input, snapshot)),
  applied: (input, current) => mergeApplied(merged(input, current), current),
  run: async (input, { clerk }) => {
    const current = await preWriteRead(() => read(clerk, input.user_id), "updateUserMetadata.current");
    assertMetadataFits(
      merged(input, current),
      "Metadata would exceed Clerk's 8 KB limit; nothing was changed.",
    );
    const user = await orNotFound(
      clerk.users.updateUserMetadata(input.user_id, {
        publicMetadata: input.public_metadata,
        privateMetadata: input.private_metadata,
        unsafeMetadata: input.unsafe_metadata,
      }),
      "User",
      input.user_id,
    );
    return { id: user.id, updated_at: user.updatedAt, ...userMetadata(user) };
  },
});
