import { parseArgs } from "node:util";
import { DEFAULT_LOCAL_CLERK_PORT, SEEDED_ACCOUNTS } from "./app-env";
import { bapiCoverage, formatCoverage } from "./coverage";
import { parseRateLimit } from "./faults";
import { startLocalClerk } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    reset: { type: "boolean", default: false },
    "seed-users": { type: "string" },
    "rate-limit": { type: "string" },
    "in-memory": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    coverage: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});

if (values.coverage) {
  console.log(formatCoverage(bapiCoverage(), values.verbose));
  process.exit(0);
}

const env = process.env;
const rateSpec = values["rate-limit"] ?? env.LOCAL_CLERK_RATE_LIMIT;

const handle = await startLocalClerk({
  port: Number(values.port ?? env.LOCAL_CLERK_PORT ?? DEFAULT_LOCAL_CLERK_PORT),
  host: values.host ?? env.LOCAL_CLERK_HOST,
  dataDir: values["in-memory"]
    ? undefined
    : (values["data-dir"] ?? env.LOCAL_CLERK_DATA_DIR ?? ".data/local-clerk"),
  reset: values.reset,
  seedUsers: Number(values["seed-users"] ?? env.LOCAL_CLERK_SEED_USERS ?? 500),
  secretKey: env.LOCAL_CLERK_SECRET_KEY,
  webhookUrl: env.LOCAL_CLERK_WEBHOOK_URL,
  webhookSecret: env.CLERK_WEBHOOK_SIGNING_SECRET,
  tokenTtlSeconds: env.LOCAL_CLERK_TOKEN_TTL ? Number(env.LOCAL_CLERK_TOKEN_TTL) : undefined,
  rateLimit: rateSpec ? parseRateLimit(rateSpec) : false,
  faults: env.LOCAL_CLERK_FAULTS,
  quiet: values.quiet,
});

console.log(`Local Clerk listening on ${handle.url} (${handle.state.users.size} users)`);
console.log(`  BAPI:   CLERK_API_URL=${handle.url}  (Authorization: Bearer <CLERK_SECRET_KEY>)`);
console.log(`  health: ${handle.url}/__local_clerk/health`);
for (const a of SEEDED_ACCOUNTS) console.log(`  sign in as ${a.role}: ${a.email} / ${a.password}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`Local Clerk: ${signal}, saving state and stopping`);
    void handle.stop().then(() => process.exit(0));
  });
}
