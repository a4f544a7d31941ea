"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth";
import {
  controlJobAs,
  decideJobAs,
  proposeJob,
  retryFailedTargetsAs,
  takeOverJobAs,
} from "@/lib/jobs/service";

const jobId = z.string().regex(/^job_[0-9a-f]{32}$/, "invalid job id");

/** From the users table: one job that deep-merges the same public metadata into every selected user. */
export const proposeMetadataJobAction = authorizedAction(
  "write",
  z.strictObject({
    userIds: z
      .array(z.string().regex(/^user_[A-Za-z0-9]+$/))
      .min(1)
      .max(10_000),
    publicMetadata: z.record(z.string(), z.unknown()),
  }),
  async ({ userIds, publicMetadata }, me) => {
    const keys = Object.keys(publicMetadata).join(", ");
    const job = await proposeJob(
      {
        action: "updateUserMetadata",
        targets: userIds.map((id) => ({ user_id: id, public_metadata: publicMetadata })),
        title: `Set public metadata (${keys}) on ${userIds.length} users`,
        params: { public_metadata: publicMetadata },
      },
      { userId: me.userId, source: "console" },
    );
    revalidatePath("/jobs");
    return job;
  },
);

export const decideJobAction = authorizedAction(
  "approve",
  z.strictObject({
    jobId,
    approved: z.boolean(),
    planHash: z.string().regex(/^[0-9a-f]{64}$/, "invalid plan hash"),
    reason: z.string().max(500).optional(),
  }),
  async (input, me) => {
    const job = await decideJobAs(me, input);
    revalidatePath(`/jobs/${input.jobId}`);
    revalidatePath("/approvals");
    return { status: job.status };
  },
);

export const controlJobAction = authorizedAction(
  "write",
  z.strictObject({ jobId, control: z.enum(["pause", "resume", "cancel"]) }),
  async ({ jobId: id, control }, me) => {
    const job = await controlJobAs(me, id, control);
    revalidatePath(`/jobs/${id}`);
    return { status: job.status };
  },
);

/** Lets this admin pause, resume or cancel another admin's job; recorded in the audit log. */
export const takeOverJobAction = authorizedAction(
  "write",
  z.strictObject({ jobId }),
  async ({ jobId: id }, me) => {
    await takeOverJobAs(me, id);
    revalidatePath(`/jobs/${id}`);
    return { jobId: id };
  },
);

/** Proposes a new job over exactly the failed targets of a finished job; approved like any plan. */
export const retryFailedTargetsAction = authorizedAction(
  "write",
  z.strictObject({ jobId }),
  async ({ jobId: id }, me) => {
    const job = await retryFailedTargetsAs({ userId: me.userId, source: "console" }, id);
    revalidatePath(`/jobs/${id}`);
    revalidatePath("/jobs");
    return { jobId: job.jobId, url: job.url, total: job.total };
  },
);
