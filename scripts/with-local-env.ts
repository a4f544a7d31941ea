// Runs a command with the env that points the app at Local Clerk (used for builds and dev servers).
import { spawn } from "node:child_process";
import { appEnvForLocalClerk, DEFAULT_LOCAL_CLERK_PORT } from "../local-clerk/src/app-env";

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: tsx scripts/with-local-env.ts <command> [args...]");
  process.exit(2);
}
const port = Number(process.env.LOCAL_CLERK_PORT ?? DEFAULT_LOCAL_CLERK_PORT);
const child = spawn(cmd, args, { stdio: "inherit", env: { ...appEnvForLocalClerk(port), ...process.env } });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
