import type * as React from "react";
import { cn } from "@/lib/utils";

function Input({ className, type, ...props }: React.ComponentProps<"input">) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        "flex h-9 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-1 text-sm shadow-xs outline-none transition-[color,box-shadow] placeholder:text-zinc-500 focus-visible:border-zinc-500 focus-visible:ring-[3px] focus-visible:ring-zinc-950/20 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500 aria-invalid:ring-red-500/20",
        className,
      )}
      {...props}
    />
  );
}

export { Input };
