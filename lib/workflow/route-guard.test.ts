import { describe, expect, it } from "vitest";
import { approvalToken, controlToken } from "@/lib/jobs/bulk-workflow";
import { workflowRouteAllowed } from "./route-guard";

const h = (o: Record<string, string>) => new Headers(o);
const OFF_VERCEL = {};

describe("the workflow engine's routes", () => {
  it("pass the engine's own loopback deliveries to flow and step (as Next.js hands them on)", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3180", "[::1]:3000"]) {
      expect(workflowRouteAllowed("/.well-known/workflow/v1/flow", h({ host }), OFF_VERCEL)).toBe(true);
      for (const from of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
        const headers = h({
          host,
          "x-forwarded-host": host,
          "x-forwarded-for": from,
          "x-forwarded-proto": "http",
        });
        expect(workflowRouteAllowed("/.well-known/workflow/v1/flow", headers, OFF_VERCEL)).toBe(true);
        expect(workflowRouteAllowed("/.well-known/workflow/v1/step", headers, OFF_VERCEL)).toBe(true);
      }
    }
  });

  it("refuse a request through a reverse proxy or for a public host", () => {
    const path = "/.well-known/workflow/v1/flow";
    // A client spoofing a loopback X-Forwarded-For through a proxy that appends its own entry.
    const spoofed = { host: "localhost:3000", "x-forwarded-for": "127.0.0.1, 1.2.3.4" };
    expect(workflowRouteAllowed(path, h(spoofed), OFF_VERCEL)).toBe(false);
    const otherHost = { host: "localhost", "x-forwarded-host": "console.example.com" };
    expect(workflowRouteAllowed(path, h(otherHost), OFF_VERCEL)).toBe(false);
    expect(
      workflowRouteAllowed(path, h({ host: "localhost:3000", "x-real-ip": "1.2.3.4" }), OFF_VERCEL),
    ).toBe(false);
    expect(workflowRouteAllowed(path, h({ host: "console.example.com" }), OFF_VERCEL)).toBe(false);
    expect(
      workflowRouteAllowed(path, h({ host: "localhost:3000", "x-forwarded-for": "1.2.3.4" }), OFF_VERCEL),
    ).toBe(false);
    expect(
      workflowRouteAllowed(path, h({ host: "localhost:3000", forwarded: "for=1.2.3.4" }), OFF_VERCEL),
    ).toBe(false);
    expect(workflowRouteAllowed(path, h({ host: "localhost.evil.com" }), OFF_VERCEL)).toBe(false);
    expect(workflowRouteAllowed(path, h({}), OFF_VERCEL)).toBe(false);
  });

  it("never serve webhooks, the manifest or anything else under the prefix", () => {
    const local = h({ host: "localhost:3000" });
    for (const p of [
      "/.well-known/workflow/v1/webhook/abc",
      // The jobs' hook tokens can be derived from a job id (and its run id), so none may be reachable.
      `/.well-known/workflow/v1/webhook/${encodeURIComponent(approvalToken("job_1"))}`,
      `/.well-known/workflow/v1/webhook/${encodeURIComponent(controlToken("job_1", "wrun_1"))}`,
      "/.well-known/workflow/v1/manifest.json",
      "/.well-known/workflow/v1/flow/x",
      "/.well-known/workflow/v2/flow",
    ]) {
      expect(workflowRouteAllowed(p, local, OFF_VERCEL)).toBe(false);
      expect(workflowRouteAllowed(p, local, { VERCEL: "1" })).toBe(false);
    }
  });

  it("on Vercel, flow and step are Vercel Queue's triggers", () => {
    expect(
      workflowRouteAllowed("/.well-known/workflow/v1/step", h({ host: "app.vercel.app" }), { VERCEL: "1" }),
    ).toBe(true);
  });
});
