import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { actionList, readActions, writeActions } from "@/lib/clerk/registry";
import { BULK_JOB_TOOL, bulkJobTool } from "@/lib/jobs/bulk-tool";
import { buildAgentManifest } from "./manifest";
import { buildOpenApiDocument } from "./openapi";
import { APPROVAL_PATH_TEMPLATE, actionPath, QUERY_ROUTES } from "./routes";
import { inputJsonSchema, outputJsonSchema, publishedActions } from "./schemas";

const ORIGIN = "https://console.example.com";
type Doc = {
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  security: unknown;
};
type Op = {
  operationId: string;
  requestBody?: { content: { "application/json": { schema: { $ref: string } } } };
  parameters?: { name: string; in: string; required: boolean; schema: unknown; description?: string }[];
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: { $ref: string } }> }>;
};

const doc = buildOpenApiDocument({ origin: ORIGIN }) as unknown as Doc;
const resolve = (ref: { $ref: string }) =>
  doc.components.schemas[ref.$ref.replace("#/components/schemas/", "")];

/** What a tool-calling client sees: the same conversion the MCP SDK applies, minus the dialect marker. */
const toolSchema = (schema: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
  return rest;
};

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document (swagger-parser)", async () => {
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((api as { openapi: string }).openapi).toBe("3.1.0");
    const broken = structuredClone(doc) as Doc;
    const param = broken.paths["/api/v1/users"]?.get?.parameters?.[0];
    if (param) param.in = "body";
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow(/validation failed/);
  });

  it("has one POST operation per published action whose request schema is the tool's JSON schema", () => {
    expect(publishedActions.map((a) => a.name)).toEqual([...actionList.map((a) => a.name), BULK_JOB_TOOL]);
    const posts = Object.entries(doc.paths).filter(([, ops]) => ops.post);
    expect(posts.map(([, ops]) => ops.post?.operationId).sort()).toEqual(
      publishedActions.map((a) => a.name).sort(),
    );
    for (const action of [...actionList, bulkJobTool]) {
      const op = doc.paths[actionPath(action.name)]?.post;
      const body = op?.requestBody?.content["application/json"].schema;
      if (!body) throw new Error(`no request body for ${action.name}`);
      expect(resolve(body), action.name).toEqual(toolSchema(action.input));
      expect(resolve(body)).toEqual(inputJsonSchema(action));
    }
  });

  it("answers writes with 202 pending approval and reads with the action's output schema", () => {
    for (const action of [...writeActions, bulkJobTool]) {
      const op = doc.paths[actionPath(action.name)]?.post;
      expect(op?.responses["202"]?.content?.["application/json"]?.schema.$ref).toBe(
        "#/components/schemas/PendingApproval",
      );
      expect(op?.responses["200"]).toBeUndefined();
      expect(op?.responses["403"]?.$ref).toBe("#/components/responses/NeedsProposeScope");
    }
    for (const action of readActions) {
      const ok = doc.paths[actionPath(action.name)]?.post?.responses["200"]?.content?.["application/json"];
      if (!ok) throw new Error(`no 200 for ${action.name}`);
      expect(resolve(ok.schema)).toEqual(outputJsonSchema(action.name as never));
    }
  });

  it("requires the bearer token everywhere and documents the error schema", () => {
    expect(doc.security).toEqual([{ personalAccessToken: [] }]);
    expect(doc.components.securitySchemes.personalAccessToken).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    const error = doc.components.schemas.Error as { properties: { error: { required: string[] } } };
    expect(error.properties.error.required.sort()).toEqual(["code", "message"]);
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.responses["401"]?.$ref, op.operationId).toBe("#/components/responses/Unauthenticated");
        expect(op.responses["422"]?.content?.["application/json"]?.schema.$ref).toBe(
          "#/components/schemas/Error",
        );
      }
    }
    expect(doc.paths[APPROVAL_PATH_TEMPLATE]?.get?.operationId).toBe("getApprovalStatus");
  });

  it("GET routes take exactly the action's input fields as path/query parameters with the same schemas", () => {
    for (const route of QUERY_ROUTES) {
      const op = doc.paths[route.path]?.get;
      const schema = inputJsonSchema(actionList.find((a) => a.name === route.action) as never) as {
        properties: Record<string, Record<string, unknown>>;
        required?: string[];
      };
      const params = op?.parameters ?? [];
      expect(params.map((p) => p.name).sort()).toEqual(Object.keys(schema.properties).sort());
      for (const p of params) {
        const { description, ...prop } = schema.properties[p.name] ?? {};
        expect(p.schema, `${route.path} ${p.name}`).toEqual(prop);
        expect(p.description).toBe(description);
        expect(p.in).toBe(route.path.includes(`{${p.name}}`) ? "path" : "query");
        expect(p.required).toBe(p.in === "path" || (schema.required ?? []).includes(p.name));
      }
    }
  });
});

describe("agent manifest", () => {
  const manifest = buildAgentManifest({ origin: ORIGIN, env: { INBOX_APPROVAL_TTL_SECONDS: "3600" } });

  it("lists exactly the registered actions (and the bulk tool) with kind, schemas and approval requirement", () => {
    expect(manifest.actions.map((a) => a.name)).toEqual(publishedActions.map((a) => a.name));
    expect(manifest.actions.find((a) => a.name === BULK_JOB_TOOL)).toMatchObject({
      kind: "write",
      requires_approval: true,
      required_scope: "read+propose",
    });
    for (const entry of manifest.actions) {
      const action = publishedActions.find((a) => a.name === entry.name);
      if (!action) throw new Error(`unregistered ${entry.name}`);
      expect(entry.kind).toBe(action.kind);
      expect(entry.requires_approval).toBe(action.kind === "write");
      expect(entry.required_scope).toBe(action.kind === "write" ? "read+propose" : "read");
      expect(entry.input_schema).toEqual(toolSchema(action.input));
      expect(entry.output_schema).toEqual(outputJsonSchema(action.name as never));
      expect(entry.mcp.tool).toBe(action.name);
      expect(entry.rest.path).toBe(actionPath(action.name));
    }
  });

  it("states the approval policy, the MCP endpoint and the auth scheme", () => {
    expect(manifest.endpoints.mcp).toEqual({ url: `${ORIGIN}/api/mcp`, transport: "streamable-http" });
    expect(manifest.endpoints.openapi).toBe(`${ORIGIN}/api/openapi.json`);
    expect(manifest.auth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(manifest.auth.scopes)).toEqual(["read", "read+propose"]);
    expect(manifest.approval_policy).toMatchObject({
      writes: "require_human_approval",
      inbox_url: `${ORIGIN}/approvals`,
      approval: {
        single_use: true,
        expires_after_seconds: 3600,
        bound_to: ["arguments", "target_state", "proposer"],
      },
      poll: { mcp_tool: "get_approval_status", rest: { method: "GET", path: APPROVAL_PATH_TEMPLATE } },
    });
  });

  it("every schema it publishes compiles under JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    for (const entry of manifest.actions) {
      ajv.compile(entry.input_schema);
      ajv.compile(entry.output_schema);
    }
    ajv.compile(manifest.approval_policy.pending_response);
    ajv.compile(manifest.approval_policy.poll.response);
  });
});
