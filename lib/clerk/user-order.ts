import { bothDirections } from "./order";

/** The user-list sort fields the console and the tools offer (Clerk's order_by, as -field or +field). */
export const USER_ORDER_FIELDS = [
  "created_at",
  "updated_at",
  "last_sign_in_at",
  "email_address",
  "first_name",
  "last_name",
] as const;

export const USER_ORDER_BY = bothDirections(USER_ORDER_FIELDS);
