import { clerkError, invalidParam, missingParam } from "./errors";
import type { RequestContext } from "./router";

export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonObject = Record<string, unknown>;

export function parseJson(ctx: RequestContext): unknown {
  if (ctx.rawBody.length === 0) return undefined;
  try {
    return JSON.parse(ctx.rawBody.toString("utf8"));
  } catch {
    throw clerkError(400, "malformed_request", "malformed request", "The request body is not valid JSON.");
  }
}

export function jsonObjectBody(ctx: RequestContext): JsonObject {
  const body = parseJson(ctx);
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) {
    throw clerkError(
      400,
      "malformed_request",
      "malformed request",
      "The request body must be a JSON object.",
    );
  }
  return body;
}

/** FAPI sends application/x-www-form-urlencoded bodies. */
export function formBody(ctx: RequestContext): URLSearchParams {
  return new URLSearchParams(ctx.rawBody.toString("utf8"));
}

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function optString(body: JsonObject, key: string): string | null | undefined {
  const v = body[key];
  if (v === undefined || v === null) return v as null | undefined;
  if (typeof v !== "string") throw invalidParam(key, `${key} must be a string.`);
  return v;
}

export function reqString(body: JsonObject, key: string): string {
  const v = optString(body, key);
  if (v === undefined || v === null || v === "") throw missingParam(key);
  return v;
}

export function optBool(body: JsonObject, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw invalidParam(key, `${key} must be a boolean.`);
  return v;
}

export function optInt(body: JsonObject, key: string, min: number, max: number): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw invalidParam(key, `${key} must be an integer between ${min} and ${max}.`);
  }
  return v;
}

export function optObject(body: JsonObject, key: string): JsonObject | null | undefined {
  const v = body[key];
  if (v === undefined || v === null) return v as null | undefined;
  if (!isPlainObject(v)) throw invalidParam(key, `${key} must be a JSON object.`);
  return v;
}

export function optStringArray(body: JsonObject, key: string): string[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
    throw invalidParam(key, `${key} must be an array of strings.`);
  }
  return v as string[];
}
