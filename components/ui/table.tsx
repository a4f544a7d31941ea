import type * as React from "react";
import { cn } from "@/lib/utils";

function Table({ className, ...props }: React.ComponentProps<"table">) {
  return (
    <div data-slot="table-container" className="relative w-full overflow-x-auto">
      <table data-slot="table" className={cn("w-full caption-bottom text-sm", className)} {...props} />
    </div>
  );
}

function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("[&_tr]:border-b", className)} {...props} />;
}

function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr
      data-slot="table-row"
      className={cn(
        "border-b border-border transition-colors hover:bg-muted/50 data-[state=selected]:bg-accent",
        className,
      )}
      {...props}
    />
  );
}

function TableHead({ className, ...props }: React.ComponentProps<"th">) {
  return <th data-slot="table-head" className={cn("ui-table-head", className)} {...props} />;
}

/** The head of a column of row actions: named for screen readers, blank on screen. */
function TableActionsHead(props: Omit<React.ComponentProps<"th">, "children">) {
  return (
    <TableHead {...props}>
      <span className="sr-only">Actions</span>
    </TableHead>
  );
}

function TableCell({ className, ...props }: React.ComponentProps<"td">) {
  return (
    <td data-slot="table-cell" className={cn("whitespace-nowrap p-2 align-middle", className)} {...props} />
  );
}

/** A column heading: its label, or its label and the head's class. */
type Column = string | readonly [label: string, className: string];

/** A table with a one-row header (`columns`, then a row-actions column when `actions`); rows are the children. */
function DataTable({
  columns,
  actions,
  children,
  ...props
}: React.ComponentProps<"table"> & { columns: readonly Column[]; actions?: boolean }) {
  return (
    <Table {...props}>
      <TableHeader>
        <TableRow>
          {columns.map((c) =>
            typeof c === "string" ? (
              <TableHead key={c}>{c}</TableHead>
            ) : (
              <TableHead key={c[0]} className={c[1]}>
                {c[0]}
              </TableHead>
            ),
          )}
          {actions && <TableActionsHead />}
        </TableRow>
      </TableHeader>
      <TableBody>{children}</TableBody>
    </Table>
  );
}

export { DataTable, Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow };
