"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { MORE_THAN_CHOICES, SESSION_WINDOWS, type SessionsView } from "@/lib/console/sessions-view";

const WINDOW_LABELS: Record<number, string> = { 1: "Last 24 hours", 7: "Last 7 days", 30: "Last 30 days" };

/** N and the window of the suspicious-users list, in the URL (shareable, survives reload). */
export function SessionsViewControls({ view }: { view: SessionsView }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search.toString());
    next.set(key, value);
    startTransition(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  };
  return (
    <div className="flex flex-wrap items-end gap-4" data-testid="suspicious-controls" aria-busy={pending}>
      <div className="grid gap-1">
        <Label htmlFor="suspicious-more-than">More than</Label>
        <NativeSelect
          id="suspicious-more-than"
          value={view.moreThan}
          options={MORE_THAN_CHOICES}
          optionLabel={(n) => `${n} location${n === 1 ? "" : "s"} or device${n === 1 ? "" : "s"}`}
          onChange={(e) => set("more_than", e.target.value)}
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="suspicious-window">Window</Label>
        <NativeSelect
          id="suspicious-window"
          value={view.windowDays}
          options={SESSION_WINDOWS}
          optionLabel={(d) => WINDOW_LABELS[d] ?? `${d} days`}
          onChange={(e) => set("window", e.target.value)}
        />
      </div>
    </div>
  );
}
