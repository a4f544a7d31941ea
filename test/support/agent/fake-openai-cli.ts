import { startFakeOpenAIServer } from "./fake-openai-server";
import { offlineBrain } from "./offline-brain";

/**
 * `tsx test/support/agent/fake-openai-cli.ts [--port N]`: an OpenAI-compatible server on 127.0.0.1
 * that answers like the built-in offline model. Point the app at it with OPENAI_BASE_URL and AI_MODEL.
 */
const portArg = process.argv.indexOf("--port");
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer 0..65535, got ${JSON.stringify(process.argv[portArg + 1])}`);
  process.exit(2);
}
const server = await startFakeOpenAIServer({ handler: offlineBrain(), port });
console.log(`fake OpenAI server: OPENAI_BASE_URL=${server.baseURL} (health: GET ${server.baseURL}/models)`);
const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
