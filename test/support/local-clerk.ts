import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createClerkClient } from "@clerk/backend";
import { type ClerkAPIResponseError, isClerkAPIResponseError } from "@clerk/backend/errors";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { LOCAL_SECRET_KEY } from "../../local-clerk/src/app-env";
import { type LocalClerkHandle, type LocalClerkOptions, startLocalClerk } from "../../local-clerk/src/index";

export async function startTestClerk(opts: LocalClerkOptions = {}): Promise<LocalClerkHandle> {
  return startLocalClerk({ port: 0, quiet: true, ...opts });
}

export function sdk(handle: LocalClerkHandle, secretKey = LOCAL_SECRET_KEY) {
  return createClerkClient({ apiUrl: handle.url, secretKey, telemetry: { disabled: true } });
}

export interface RawResponse {
  status: number;
  contentType: string | null;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON under test
  json: any;
}

/** Raw HTTP call with the secret key, for asserting exact JSON against the OpenAPI spec. */
export async function raw(
  handle: LocalClerkHandle,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const res = await fetch(`${handle.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${LOCAL_SECRET_KEY}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    headers: res.headers,
    json: text ? JSON.parse(text) : undefined,
  };
}

type Json = Record<string, unknown>;

const SPEC_PATH = fileURLToPath(new URL("../../local-clerk/openapi/bapi-2026-05-12.yml", import.meta.url));
const DROP = new Set(["discriminator", "example", "examples", "deprecated", "xml", "externalDocs"]);

/**
 * OpenAPI 3.0 schemas -> JSON Schema for Ajv: `nullable: true` becomes `anyOf [schema, null]`
 * (Ajv's own `nullable` requires a sibling `type`, which the spec sometimes omits), local refs get
 * the document id, and documentation-only keywords are dropped.
 */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (DROP.has(k) || k.startsWith("x-")) continue;
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/")) out.$ref = `bapi${v}`;
    else out[k] = convert(v);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  delete out.nullable;
  return out;
}

let cached: { ajv: Ajv; spec: Json } | undefined;

function loadSpec() {
  if (cached) return cached;
  const spec = parse(readFileSync(SPEC_PATH, "utf8")) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: "bapi", components: convert(spec.components) } as Json);
  cached = { ajv, spec };
  return cached;
}

const validators = new Map<string, ValidateFunction>();

/** Validator for the JSON body of `method pathTemplate` answering `status`, per Clerk's BAPI spec. */
export function specValidator(method: string, pathTemplate: string, status: number): ValidateFunction {
  const key = `${method} ${pathTemplate} ${status}`;
  const hit = validators.get(key);
  if (hit) return hit;
  const { ajv, spec } = loadSpec();
  const paths = spec.paths as Record<string, Record<string, Json>>;
  const op = paths[pathTemplate]?.[method.toLowerCase()];
  if (!op) throw new Error(`spec has no operation ${method} ${pathTemplate}`);
  const responses = op.responses as Record<string, Json>;
  let response = responses[String(status)];
  if (!response) throw new Error(`spec has no ${status} response for ${method} ${pathTemplate}`);
  const ref = response.$ref;
  if (typeof ref === "string") {
    const name = ref.split("/").at(-1) as string;
    response = (spec.components as Record<string, Record<string, Json>>).responses?.[name] as Json;
  }
  let schema = (response.content as Record<string, { schema: unknown }> | undefined)?.["application/json"]
    ?.schema;
  // Some error responses are only described in words; Clerk answers them with its error envelope.
  if (!schema && status >= 400) schema = { $ref: "#/components/schemas/ClerkErrors" };
  if (!schema) throw new Error(`spec response ${key} has no JSON schema`);
  const validate = ajv.compile(convert(schema) as Json);
  validators.set(key, validate);
  return validate;
}

/** Throws with Ajv's errors when the body does not match the spec. */
export function assertConforms(body: unknown, method: string, pathTemplate: string, status: number): void {
  const validate = specValidator(method, pathTemplate, status);
  if (!validate(body)) {
    throw new Error(
      `response does not match BAPI spec for ${method} ${pathTemplate} ${status}:\n${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`,
    );
  }
}

/** Awaits a promise that must reject with ClerkAPIResponseError and returns the error. */
export async function clerkErrorOf(p: Promise<unknown>): Promise<ClerkAPIResponseError> {
  try {
    await p;
  } catch (err) {
    if (isClerkAPIResponseError(err)) return err;
    throw err;
  }
  throw new Error("expected a ClerkAPIResponseError, but the call succeeded");
}
