import { authorizedRoute } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getJob, targetCounts } from "@/lib/jobs/store";
import { toJobView } from "@/lib/jobs/view";

/** Progress of one job (status, counts, percent), for polling clients. */
export const GET = authorizedRoute<{ id: string }>("read", async (_request, { params }) => {
  const db = await getDb();
  const job = await getJob(db, params.id);
  if (!job) throw AppError.notFound("Job", params.id);
  return Response.json(toJobView(job, (await targetCounts(db, [job.id])).get(job.id)));
});
