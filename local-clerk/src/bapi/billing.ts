import type { LocalClerkContext } from "../context";
import { jsonObjectBody, optString, reqString } from "../http/body";
import { clerkError, invalidParam, missingParam } from "../http/errors";
import type { Router } from "../http/router";
import { newId } from "../state/ids";
import type { CreditLedgerEntry } from "../state/organization-types";
import { rejectUnknown } from "./organization-params";

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥", CAD: "$", AUD: "$" };

function money(amount: number, currency: string) {
  const symbol = SYMBOLS[currency] ?? currency;
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return {
    amount,
    amount_formatted: `${sign}${symbol}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`,
    currency,
    currency_symbol: symbol,
  };
}

/** An organization or a user: whoever holds the credit ledger. */
export interface Payer {
  id: string;
  credit_ledger?: CreditLedgerEntry[];
}

export interface PayerAccess {
  /** Throws Clerk's 404 when there is no such payer. */
  require(id: string): Payer;
  saveLedger(id: string, ledger: CreditLedgerEntry[]): void;
}

const payerId = (payer: Payer) => `cpayer_${payer.id.slice(payer.id.indexOf("_") + 1)}`;

function balance(payer: Payer): { amount: number; currency: string } | null {
  const ledger = payer.credit_ledger ?? [];
  if (ledger.length === 0) return null;
  return { amount: ledger.reduce((n, e) => n + e.amount, 0), currency: ledger[0]?.currency ?? "USD" };
}

function ledgerJson(org: Payer, e: CreditLedgerEntry) {
  return {
    object: "commerce_credit_ledger",
    id: e.id,
    payer_id: payerId(org),
    amount: money(e.amount, e.currency),
    source_type: "grant",
    source_id: e.idempotency_key,
    note: e.note,
    created_at: new Date(e.created_at).toISOString(),
  };
}

/**
 * Local Clerk has no Billing plans, so an organization or user has no subscription (Clerk's 404);
 * the credit balance is a real ledger (idempotent adjustments, never below zero).
 */
export function registerOrganizationBillingRoutes(router: Router, ctx: LocalClerkContext): void {
  const orgs = ctx.state.organizations.orgs;
  registerBillingRoutes(router, ctx, "/v1/organizations", {
    require: (id) => orgs.require(id),
    saveLedger: (id, ledger) => orgs.load({ ...orgs.require(id), credit_ledger: ledger }),
  });
}

export function registerBillingRoutes(
  router: Router,
  ctx: LocalClerkContext,
  base: string,
  orgs: PayerAccess,
): void {
  router.get(`${base}/:id/billing/subscription`, ({ params }) => {
    orgs.require(params.id as string);
    throw clerkError(404, "subscription_not_found", "Subscription not found", "Subscription not found");
  });

  router.get(`${base}/:id/billing/credits`, ({ params }) => {
    const b = balance(orgs.require(params.id as string));
    return { object: "commerce_credit_balance", balance: b ? money(b.amount, b.currency) : null };
  });

  router.post(`${base}/:id/billing/credits`, (rc) => {
    const org = orgs.require(rc.params.id as string);
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["amount", "action", "currency", "idempotency_key", "note"]);
    if (body.amount === undefined || body.amount === null) throw missingParam("amount");
    const amount = body.amount;
    if (typeof amount !== "number" || !Number.isInteger(amount) || amount <= 0) {
      throw clerkError(
        422,
        "invalid_credit_amount",
        "Invalid credit amount",
        "Credit amount must be greater than zero",
        {
          param_name: "amount",
        },
      );
    }
    const action = reqString(body, "action");
    if (action !== "increase" && action !== "decrease") {
      throw clerkError(
        422,
        "invalid_credit_action",
        "Invalid credit action",
        "Credit action must be either 'increase' or 'decrease'",
        { param_name: "action" },
      );
    }
    const key = reqString(body, "idempotency_key");
    const currency = (optString(body, "currency") ?? "USD").toUpperCase();
    const note = optString(body, "note") ?? null;
    const repeat = org.credit_ledger?.find((e) => e.idempotency_key === key);
    if (repeat) return ledgerJson(org, repeat);
    const current = balance(org);
    if (current && current.currency !== currency) {
      throw invalidParam("currency", `This balance is in ${current.currency}; currency must match.`);
    }
    const delta = action === "increase" ? amount : -amount;
    if ((current?.amount ?? 0) + delta < 0) {
      throw clerkError(
        422,
        "insufficient_credit_balance",
        "Insufficient credit balance",
        "The decrease amount exceeds the current credit balance",
        { param_name: "amount" },
      );
    }
    const entry: CreditLedgerEntry = {
      id: newId("cled"),
      idempotency_key: key,
      amount: delta,
      currency,
      note,
      created_at: ctx.state.clock.now(),
    };
    orgs.saveLedger(org.id, [...(org.credit_ledger ?? []), entry]);
    ctx.state.touch();
    return ledgerJson(org, entry);
  });
}
