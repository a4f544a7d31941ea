"use client";
import { ConfirmAction, type ConfirmActionProps } from "./confirm-action";

/** The "Revoke" button of a table row: a destructive confirm dialog, then a refresh of the page's data. */
export function RevokeAction<T>(props: Omit<ConfirmActionProps<T>, "label" | "variant">) {
  return <ConfirmAction label="Revoke" variant="destructive" {...props} />;
}
