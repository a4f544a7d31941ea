import { invalidParam } from "../http/errors";
import type { Metadata } from "./types";

export const METADATA_LIMIT_BYTES = 8 * 1024;

function isObject(v: unknown): v is Metadata {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Clerk's PATCH /users/{id}/metadata: deep merge at every level, `null` removes the key. */
export function deepMerge(target: Metadata, patch: Metadata): Metadata {
  const out: Metadata = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else if (isObject(value) && isObject(out[key])) {
      out[key] = deepMerge(out[key] as Metadata, value);
    } else if (isObject(value)) {
      out[key] = deepMerge({}, value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function assertMetadataSize(param: string, value: Metadata): void {
  const size = Buffer.byteLength(JSON.stringify(value));
  if (size > METADATA_LIMIT_BYTES) {
    throw invalidParam(
      param,
      `${param} exceeds the maximum allowed size of ${METADATA_LIMIT_BYTES} bytes (got ${size} bytes).`,
      "form_param_exceeds_allowed_size",
    );
  }
}
