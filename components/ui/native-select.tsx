import type * as React from "react";
import { cn } from "@/lib/utils";

type OptionValue = string | number;

/**
 * A plain `<select>` styled like Input. `options` renders one `<option>` per value (labelled by
 * `optionLabel`, else the value), after `emptyOption` ("" value) when given and before any children.
 */
function NativeSelect<T extends OptionValue>({
  className,
  options,
  optionLabel,
  emptyOption,
  children,
  ...props
}: React.ComponentProps<"select"> & {
  options?: readonly T[];
  optionLabel?: (value: T) => React.ReactNode;
  emptyOption?: string;
}) {
  return (
    <select
      data-slot="native-select"
      className={cn("h-9 rounded-md border border-input bg-card px-2 text-sm", className)}
      {...props}
    >
      {emptyOption !== undefined && <option value="">{emptyOption}</option>}
      {options?.map((o) => (
        <option key={o} value={o}>
          {optionLabel ? optionLabel(o) : o}
        </option>
      ))}
      {children}
    </select>
  );
}

export { NativeSelect };
