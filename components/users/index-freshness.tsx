"use client";
import { RefreshCw } from "lucide-react";
import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resyncMetadataIndexAction } from "@/lib/actions/metadata-filter";
import { describeIndexFreshness, type FreshnessView } from "@/lib/console/metadata-filter";

/** "index: 500 users · last event 3 s ago · last full resync …", ticking, with "Resync now" for admins. */
export function IndexFreshness({
  freshness,
  serverNow,
  canWrite,
}: {
  freshness: FreshnessView;
  serverNow: number;
  canWrite: boolean;
}) {
  // Starts from the server's clock so the first client render matches the HTML.
  const [now, setNow] = useState(serverNow);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const resync = () =>
    startTransition(async () => {
      const r = await resyncMetadataIndexAction({});
      if (r.ok)
        toast.success(
          `Index rebuilt: ${r.data.users} users${r.data.removed ? `, ${r.data.removed} stale rows removed` : ""}.`,
        );
      else toast.error(r.error.message);
    });

  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
      <p data-testid="index-freshness" aria-live="off">
        {describeIndexFreshness(freshness, now)}
      </p>
      {canWrite && (
        <Button
          variant="outline"
          size="sm"
          onClick={resync}
          disabled={pending}
          aria-busy={pending}
          data-testid="index-resync"
        >
          <RefreshCw aria-hidden className={pending ? "animate-spin" : undefined} />
          {pending ? "Resyncing…" : "Resync now"}
        </Button>
      )}
    </div>
  );
}
