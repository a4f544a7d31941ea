import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

type Json = Record<string, unknown>;

const SPEC_PATH = fileURLToPath(
  new URL("../../local-clerk/openapi/webhooks-2025-04-15.yml", import.meta.url),
);
const DROP = new Set([
  "discriminator",
  "example",
  "examples",
  "deprecated",
  "xml",
  "externalDocs",
  "description",
]);

let spec: Json | undefined;
const load = () => {
  spec ??= parse(readFileSync(SPEC_PATH, "utf8")) as Json;
  return spec;
};

/** Follows a local `$ref`; keywords next to it (Clerk writes `nullable: true` there) are kept. */
function resolve(node: Json): Json {
  const { $ref: ref, ...siblings } = node;
  if (typeof ref !== "string") return node;
  let out: unknown = load();
  for (const part of ref.replace(/^#\//, "").split("/")) out = (out as Json)[part];
  return { ...resolve(out as Json), ...siblings };
}

/**
 * OpenAPI 3.0 -> JSON Schema. Clerk's webhook spec extends closed schemas with `allOf`
 * (`OrganizationInvitation` has `additionalProperties: false`, the accepted event adds `user_id`),
 * which plain JSON Schema can never satisfy; so an `allOf` of object schemas is merged into one
 * object (union of properties and required keys, still closed if any part was) before validating.
 */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node !== "object" || node === null) return node;
  let src = resolve(node as Json);
  if (Array.isArray(src.allOf)) src = mergeAllOf(src);
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (DROP.has(k) || k.startsWith("x-")) continue;
    // `properties` maps names to schemas: a property may be called "description" or "example".
    out[k] =
      k === "properties"
        ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, convert(s)]))
        : convert(v);
  }
  const nullable = out.nullable === true;
  delete out.nullable;
  return nullable ? { anyOf: [out, { type: "null" }] } : out;
}

function mergeAllOf(node: Json): Json {
  const parts = [node, ...(node.allOf as Json[]).map((p) => resolve(p))].map((p) =>
    Array.isArray(p.allOf) && p !== node ? mergeAllOf(p) : p,
  );
  const properties: Json = {};
  const required = new Set<string>();
  let closed = false;
  let nullable = false;
  for (const p of parts) {
    Object.assign(properties, (p.properties as Json | undefined) ?? {});
    for (const r of (p.required as string[] | undefined) ?? []) required.add(r);
    if (p.additionalProperties === false) closed = true;
    if (p.nullable === true && p !== node) nullable = true;
  }
  return {
    type: "object",
    properties,
    required: [...required],
    ...(closed ? { additionalProperties: false } : {}),
    ...(node.nullable === true || nullable ? { nullable: true } : {}),
  };
}

const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/** Validator for the whole event body (`{data, object, type, …}`) of a Clerk webhook event type. */
export function webhookValidator(eventType: string): ValidateFunction {
  const hit = validators.get(eventType);
  if (hit) return hit;
  const hooks = load()["x-webhooks"] as Record<string, { post: Json }>;
  const op = hooks[eventType]?.post;
  if (!op) throw new Error(`webhooks spec has no event ${eventType}`);
  const schema = ((op.requestBody as Json).content as Record<string, { schema: unknown }>)["application/json"]
    ?.schema;
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
  }
  const validate = ajv.compile(convert(schema) as Json);
  validators.set(eventType, validate);
  return validate;
}

/** Throws with Ajv's errors when a webhook body does not match Clerk's webhooks spec. */
export function assertWebhookConforms(body: { type: string }): void {
  const type = body.type;
  const validate = webhookValidator(type);
  if (!validate(body)) {
    throw new Error(
      `${type} payload does not match the webhooks spec:\n${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`,
    );
  }
}
