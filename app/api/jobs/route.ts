import { z } from "zod";
import { authorizedRoute } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { proposeJob } from "@/lib/jobs/service";
import { listJobViews } from "@/lib/jobs/view";

export const GET = authorizedRoute("read", async () =>
  Response.json({ data: await listJobViews(await getDb(), 100) }),
);

const body = z.strictObject({
  action: z.enum(["updateUserMetadata", "createInvitation"]),
  targets: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000),
  title: z.string().max(200).optional(),
});

/** Creates a job awaiting its batch approval (nothing is written until an admin approves the plan). */
export const POST = authorizedRoute("write", async (request, { auth }) => {
  const parsed = body.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
  const job = await proposeJob(parsed.data, { userId: auth.userId, source: "console" });
  return Response.json(job, { status: 201 });
});
