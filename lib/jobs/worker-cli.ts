// `npm run jobs:work [-- --until-idle]`: runs approved bulk jobs in a separate process.
import { parseArgs } from "node:util";
import { getClerkClient } from "@/lib/clerk/client";
import { closeDb, getDb } from "@/lib/db/client";
import { sharedPacer } from "./shared-pacer";
import { pacedOwnerLookup } from "./standing";
import { JobWorker } from "./worker";

const { values } = parseArgs({
  options: {
    "until-idle": { type: "boolean", default: false },
    "lease-ms": { type: "string" },
    concurrency: { type: "string" },
  },
});

const pacer = sharedPacer();
const clerk = getClerkClient();
const worker = new JobWorker({
  db: await getDb(),
  clerk,
  pacer,
  lookupOwner: pacedOwnerLookup(clerk, pacer),
  leaseMs: values["lease-ms"] ? Number(values["lease-ms"]) : undefined,
  concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  onJobEnd: (jobId, end) => console.log(`[jobs] ${jobId}: ${end}`),
});
const pace = await pacer.settledConfig();
console.log(`[jobs] worker ${worker.owner} pacing at ${pace.requests} requests / ${pace.windowMs} ms`);

if (values["until-idle"]) {
  const ran = await worker.drainUntilIdle();
  console.log(`[jobs] idle after ${ran} job(s)`);
  await closeDb();
} else {
  worker.start();
  const shutdown = async () => {
    await worker.stop();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}
