"use client";
import { MetadataPanels } from "@/components/users/metadata-panels";
import { saveOrganizationMetadataAction } from "@/lib/actions/organizations";
import type { MetadataState } from "@/lib/console/metadata-input";

const KINDS = ["public", "private"] as const;

/** The user page's metadata editors (post-merge diff, 8 KB budget, conflict re-diff) for an organization. */
export function OrganizationMetadata({
  organizationId,
  initial,
  canWrite,
}: {
  organizationId: string;
  initial: MetadataState;
  canWrite: boolean;
}) {
  return (
    <MetadataPanels
      userId={organizationId}
      initial={initial}
      canWrite={canWrite}
      kinds={KINDS}
      noun="organization"
      save={({ kind, patch, expected_updated_at }) =>
        saveOrganizationMetadataAction({
          organization_id: organizationId,
          kind: kind === "private" ? "private" : "public",
          patch,
          expected_updated_at,
        })
      }
    />
  );
}
