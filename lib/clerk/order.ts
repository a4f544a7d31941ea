/** One of Clerk's order_by values for a field: -field descending, +field ascending. */
export type OrderBy<F extends string> = `-${F}` | `+${F}`;

/** Clerk's order_by values for these fields, each descending (-) then ascending (+). */
export const bothDirections = <const F extends string>(fields: readonly [F, ...F[]]) =>
  // flatMap loses the tuple: two values per field of a non-empty list is a non-empty list.
  fields.flatMap((f) => [`-${f}`, `+${f}`] as const) as [OrderBy<F>, ...OrderBy<F>[]];
