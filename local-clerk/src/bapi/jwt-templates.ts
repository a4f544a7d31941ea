import type { LocalClerkContext } from "../context";
import {
  type JsonObject,
  jsonObjectBody,
  optBool,
  optInt,
  optObject,
  optString,
  reqString,
} from "../http/body";
import { invalidParam, missingParam } from "../http/errors";
import type { Router } from "../http/router";
import { jwtTemplateJson } from "../state/admin-serialize";
import type { JwtTemplateInput } from "../state/jwt-templates";
import { deletedJson } from "../state/serialize";
import { rejectUnknown } from "./organization-params";
import { page } from "./params";

const KEYS = [
  "name",
  "claims",
  "lifetime",
  "allowed_clock_skew",
  "custom_signing_key",
  "signing_algorithm",
  "signing_key",
];

/** Both POST and PATCH take the whole template (the spec requires name and claims on each). */
function templateInput(body: JsonObject): JwtTemplateInput {
  rejectUnknown(body, KEYS);
  const name = reqString(body, "name").trim();
  if (name.length > 256) throw invalidParam("name", "name must be at most 256 characters.");
  const claims = optObject(body, "claims");
  if (!claims) throw missingParam("claims");
  // Templates sign with the instance key, so a verifier that knows the JWKS can check them offline.
  if (optBool(body, "custom_signing_key")) {
    throw invalidParam(
      "custom_signing_key",
      "Local Clerk signs every template with the instance key (RS256).",
    );
  }
  optString(body, "signing_algorithm");
  optString(body, "signing_key");
  return {
    name,
    claims,
    lifetime: optInt(body, "lifetime", 30, 315_360_000),
    allowedClockSkew: optInt(body, "allowed_clock_skew", 0, 300),
  };
}

export function registerJwtTemplateRoutes(router: Router, ctx: LocalClerkContext): void {
  const templates = ctx.state.admin.jwtTemplates;

  router.get("/v1/jwt_templates", ({ query }) => {
    const { limit, offset } = page(query);
    const all = templates.all();
    const data = all.slice(offset, offset + limit).map(jwtTemplateJson);
    return query.get("paginated") === "true" ? { data, total_count: all.length } : data;
  });

  router.post("/v1/jwt_templates", (rc) =>
    jwtTemplateJson(templates.create(templateInput(jsonObjectBody(rc)))),
  );

  router.get("/v1/jwt_templates/:id", ({ params }) =>
    jwtTemplateJson(templates.require(params.id as string)),
  );

  router.patch("/v1/jwt_templates/:id", (rc) => {
    const id = rc.params.id as string;
    templates.require(id);
    return jwtTemplateJson(templates.update(id, templateInput(jsonObjectBody(rc))));
  });

  router.delete("/v1/jwt_templates/:id", ({ params }) =>
    deletedJson("jwt_template", templates.delete(params.id as string).id),
  );
}
