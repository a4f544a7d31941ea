import type { NextConfig } from "next";
import { withWorkflow } from "workflow/next";
import { selectWorkflowWorld } from "./lib/workflow/world";

// Before the Workflow SDK creates its world (at build, and in this process under `next start`).
selectWorkflowWorld();

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // NODE_COMPRESS=off: no gzip in Node where a CDN or proxy compresses (Vercel does); saves server CPU.
  compress: process.env.NODE_COMPRESS !== "off",
  // forbidden() from next/navigation: the console's 403 page for signed-in users without a role.
  experimental: { authInterrupts: true },
  // Lets parallel builds (tests, benchmarks) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Local Clerk is a separate process; its code must never be traced into the app bundle.
  // PGlite loads its WASM/data files relative to its own module URL, which bundling breaks.
  serverExternalPackages: ["@electric-sql/pglite"],
  outputFileTracingExcludes: { "*": ["./local-clerk/**", "./.data/**", "./bench/**", "./e2e/**"] },
};

export default withWorkflow(nextConfig);
