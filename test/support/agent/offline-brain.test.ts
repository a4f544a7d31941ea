import { spawn } from "node:child_process";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { ModelMessage } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "./fake-openai-server";
import { offlineBrain } from "./offline-brain";
import { answerApprovals, createStandInClerk, standInUser, streamStandInTurn } from "./stand-in-tools";

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const world = () =>
  createStandInClerk({
    users: [
      standInUser("user_jane", "jane@acme.com", { first_name: "Jane", public_metadata: { plan: "free" } }),
    ],
  });

function turn(w: ReturnType<typeof world>, messages: ModelMessage[]) {
  if (!server) throw new Error("no server");
  const model = createOpenAICompatible({
    name: "brain",
    baseURL: server.baseURL,
    includeUsage: true,
  }).chatModel("offline");
  return streamStandInTurn(model, w.tools, messages);
}

describe("offline brain behind the fake OpenAI server", () => {
  it.each([
    [true, /“Jane” <jane@acme\.com> \(user_jane\): updated/, "pro"],
    [false, /you denied it \(“denied: no thanks”\)[\s\S]*won't retry/, "free"],
  ])("approved=%s: plans over the wire like the offline model", async (approved, summary, plan) => {
    server = await startFakeOpenAIServer({ handler: offlineBrain() });
    const w = world();
    const history: ModelMessage[] = [{ role: "user", content: "set plan=pro for jane@acme.com" }];
    const first = await turn(w, history);
    expect(first.approvals.map((a) => a.toolCall)).toMatchObject([
      { toolName: "updateUserMetadata", input: { user_id: "user_jane", public_metadata: { plan: "pro" } } },
    ]);
    const answers = answerApprovals(first.approvals, approved, approved ? undefined : "denied: no thanks");
    const second = await turn(w, [...history, ...first.responseMessages, { role: "tool", content: answers }]);
    expect(second.text).toMatch(summary);
    expect(w.state.users[0]?.public_metadata.plan).toBe(plan);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it("runs as a CLI that serves /v1/models and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/agent/fake-openai-cli.ts", "--port", "0"],
      {
        cwd: process.cwd(),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const baseURL = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /OPENAI_BASE_URL=(\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    const models = await (await fetch(`${baseURL}/models`)).json();
    expect(models.object).toBe("list");
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
