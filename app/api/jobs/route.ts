import { z } from "zod";
import { authorizedRoute } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { proposeJob } from "@/lib/jobs/service";
import { listJobs, targetCounts } from "@/lib/jobs/store";
import { toJobView } from "@/lib/jobs/view";

export const GET = authorizedRoute("read", async () => {
  const db = await getDb();
  const jobs = await listJobs(db, 100);
  const counts = await targetCounts(
    db,
    jobs.map((j) => j.id),
  );
  return Response.json({ data: jobs.map((j) => toJobView(j, counts.get(j.id))) });
});

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
