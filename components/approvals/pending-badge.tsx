"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { pendingApprovalsCountAction } from "@/lib/actions/approvals";

const POLL_MS = 15_000;

/** Pending inbox count next to "Approvals" in the nav; refreshed on navigation and every 15 s. */
export function PendingBadge() {
  const pathname = usePathname();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      pendingApprovalsCountAction({}).then(
        (r) => {
          if (live && r.ok) setCount(r.data);
        },
        () => {},
      );
    void load();
    void pathname;
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [pathname]);
  if (!count) return null;
  return (
    <span
      data-testid="approvals-pending-count"
      className="ml-auto rounded-full bg-warning px-1.5 text-xs font-semibold leading-5 text-warning-foreground tabular-nums"
    >
      {count > 99 ? "99+" : count}
      <span className="sr-only"> pending</span>
    </span>
  );
}
