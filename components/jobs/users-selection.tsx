"use client";
import { createContext, type ReactNode, useContext, useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { proposeMetadataJobAction } from "@/lib/actions/jobs";

interface RowSelection {
  selected: ReadonlySet<string>;
  pageIds: readonly string[];
  toggle(id: string, on: boolean): void;
  togglePage(on: boolean): void;
}

const SelectionContext = createContext<RowSelection | null>(null);

export function useRowSelection(): RowSelection | null {
  return useContext(SelectionContext);
}

/** A users table column: its header and how a row's cell renders. */
export interface UsersColumn<T> {
  id: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
}

/** Adds a checkbox column when the table sits inside <UsersBulkSelection>; otherwise returns the columns as they are. */
export function withSelection<T extends { id: string }>(
  columns: UsersColumn<T>[],
  selection: RowSelection | null,
): UsersColumn<T>[] {
  if (!selection) return columns;
  const all = selection.pageIds.length > 0 && selection.pageIds.every((id) => selection.selected.has(id));
  const column: UsersColumn<T> = {
    id: "select",
    header: (
      <input
        type="checkbox"
        aria-label="Select all users on this page"
        data-testid="select-page"
        checked={all}
        onChange={(e) => selection.togglePage(e.currentTarget.checked)}
        className="size-4"
      />
    ),
    render: (row: T) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.id}`}
        data-testid="select-user"
        checked={selection.selected.has(row.id)}
        onChange={(e) => selection.toggle(row.id, e.currentTarget.checked)}
        className="size-4"
      />
    ),
  };
  return [column, ...columns];
}

/** Parses `plan=pro, seats=3` into metadata (numbers, booleans and null as JSON; everything else a string). */
export function parsePairs(text: string): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  for (const part of text.split(/[,\n]/)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) return `"${trimmed}" is not key=value.`;
    const key = trimmed.slice(0, eq).trim();
    const raw = trimmed.slice(eq + 1).trim();
    let value: unknown = raw;
    if (/^(-?\d+(\.\d+)?|true|false|null)$/.test(raw)) value = JSON.parse(raw);
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : "Give at least one key=value.";
}

/** Row selection for the users table plus "Apply to selected": one bulk job for every selected user. */
export function UsersBulkSelection({
  pageIds,
  children,
}: {
  pageIds: readonly string[];
  children: ReactNode;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pairs, setPairs] = useState("");
  const { pending, run, router } = useRunAction();
  const select = (ids: readonly string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const selection: RowSelection = {
    selected,
    pageIds,
    toggle: (id, on) => select([id], on),
    togglePage: (on) => select(pageIds, on),
  };
  const apply = () => {
    const metadata = parsePairs(pairs);
    if (typeof metadata === "string") {
      toast.error(metadata);
      return;
    }
    run(
      () => proposeMetadataJobAction({ userIds: [...selected], publicMetadata: metadata }),
      (job) => {
        toast.success(`Plan ready for ${job.total} users: review and approve it.`);
        router.push(job.url);
      },
    );
  };
  return (
    <SelectionContext.Provider value={selection}>
      {selected.size > 0 && (
        <section
          className="flex flex-wrap items-end gap-3 rounded-md border bg-muted/50 p-3"
          data-testid="bulk-bar"
          aria-label="Bulk change"
        >
          <p className="text-sm font-medium" data-testid="bulk-selected">
            {selected.size} selected
          </p>
          <div className="grid gap-1">
            <Label htmlFor="bulk-metadata">Public metadata to set</Label>
            <Input
              id="bulk-metadata"
              value={pairs}
              placeholder="plan=pro, seats=3"
              onChange={(e) => setPairs(e.currentTarget.value)}
              className="w-72"
            />
          </div>
          <Button onClick={apply} disabled={pending || pairs.trim() === ""} data-testid="bulk-apply">
            Apply to selected
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())} disabled={pending}>
            Clear selection
          </Button>
        </section>
      )}
      {children}
    </SelectionContext.Provider>
  );
}
