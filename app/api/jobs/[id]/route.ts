import { authorizedRoute } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getJobView } from "@/lib/jobs/view";

/** Progress of one job (status, counts, percent), for polling clients. */
export const GET = authorizedRoute<{ id: string }>("read", async (_request, { params }) => {
  const job = await getJobView(await getDb(), params.id);
  if (!job) throw AppError.notFound("Job", params.id);
  return Response.json(job);
});
