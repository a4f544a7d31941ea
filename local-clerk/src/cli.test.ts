import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { LOCAL_SECRET_KEY } from "./app-env";
import { loadSnapshot } from "./state/persistence";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function startCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  // Plain node with tsx's loader: no wrapper process between the test's signal and the CLI's handler.
  const child = spawn(process.execPath, ["--import", "tsx", "local-clerk/src/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes("sign in as member")) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, out: () => out });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`CLI exited with ${code}:\n${out}`)));
  });
}

describe("npm run local-clerk (cli.ts)", () => {
  it("seeds, prints its URL and credentials, and saves state on SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "local-clerk-cli-"));
    dirs.push(dataDir);
    const { child, url, out } = await startCli(["--port", "0", "--data-dir", dataDir, "--seed-users", "40"]);
    expect(out()).toContain("admin@example.com / admin-password-123");
    const health = await (await fetch(`${url}/__local_clerk/health`)).json();
    expect(health).toMatchObject({ ok: true, users: 40 });

    const res = await fetch(`${url}/v1/users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ email_address: ["cli-user@example.org"] }),
    });
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const snap = loadSnapshot(dataDir);
    expect(snap?.users).toHaveLength(41);
    expect(snap?.users.some((u) => u.emails[0]?.email_address === "cli-user@example.org")).toBe(true);

    // Restart on the same dir: no reseed, the user is still there.
    const again = await startCli([
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--seed-users",
      "40",
      "--rate-limit",
      "2/10s",
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${again.url}/v1/users/count`, {
        headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` },
      });
      statuses.push(r.status);
      if (r.status === 200) expect(await r.json()).toEqual({ object: "total_count", total_count: 41 });
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
