import type { LocalClerkContext } from "../context";
import { isPlainObject, type JsonObject, jsonObjectBody, optBool, parseJson, reqString } from "../http/body";
import { clerkError, invalidParam } from "../http/errors";
import type { Router } from "../http/router";
import { waitlistEntryJson } from "../state/admin-serialize";
import type { WaitlistEntryRecord, WaitlistStatus } from "../state/admin-types";
import { deletedJson } from "../state/serialize";
import { WAITLIST_ORDER_FIELDS } from "../state/waitlist";
import { rejectUnknown } from "./organization-params";
import { oneOf, page, str } from "./params";

const STATUSES: readonly WaitlistStatus[] = ["pending", "invited", "completed", "rejected"];

function entryEmail(body: JsonObject): string {
  rejectUnknown(body, ["email_address", "notify"]);
  optBool(body, "notify");
  return reqString(body, "email_address").trim();
}

export function registerWaitlistRoutes(router: Router, ctx: LocalClerkContext): void {
  const waitlist = ctx.state.admin.waitlist;
  const json = (e: WaitlistEntryRecord) => waitlistEntryJson(e, waitlist.invitation(e), ctx.baseUrl());

  router.get("/v1/waitlist_entries", ({ query }) => {
    const status = oneOf(query, "status", STATUSES);
    const order = str(query, "order_by") ?? "-created_at";
    if (!(WAITLIST_ORDER_FIELDS as readonly string[]).includes(order.replace(/^[+-]/, ""))) {
      throw invalidParam(
        "order_by",
        `order_by must be one of ${WAITLIST_ORDER_FIELDS.map((f) => `[+-]${f}`).join(", ")}.`,
      );
    }
    const { limit, offset } = page(query);
    const all = waitlist.list({ query: str(query, "query"), status }, order);
    return { data: all.slice(offset, offset + limit).map(json), total_count: all.length };
  });

  router.post("/v1/waitlist_entries", (rc) => {
    const [entry] = waitlist.createMany([entryEmail(jsonObjectBody(rc))]);
    return json(entry as WaitlistEntryRecord);
  });

  router.post("/v1/waitlist_entries/bulk", (rc) => {
    const body = parseJson(rc);
    if (!Array.isArray(body) || body.length < 1 || body.length > 50) {
      throw clerkError(
        400,
        "malformed_request",
        "malformed request",
        "The body must be an array of 1 to 50 entries.",
      );
    }
    const emails = body.map((item) => {
      if (!isPlainObject(item)) throw invalidParam("email_address", "Each entry must be an object.");
      return entryEmail(item);
    });
    return waitlist.createMany(emails).map(json);
  });

  router.delete("/v1/waitlist_entries/:id", ({ params }) =>
    deletedJson("waitlist_entry", waitlist.delete(params.id as string).id),
  );

  router.post("/v1/waitlist_entries/:id/invite", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["ignore_existing"]);
    return json(waitlist.invite(rc.params.id as string, optBool(body, "ignore_existing") ?? false));
  });

  router.post("/v1/waitlist_entries/:id/reject", ({ params }) => json(waitlist.reject(params.id as string)));
}
