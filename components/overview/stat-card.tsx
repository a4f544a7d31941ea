import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export function StatCard({
  label,
  value,
  testId,
  href,
  hrefLabel,
  note,
}: {
  label: string;
  value: number;
  testId: string;
  href?: string;
  hrefLabel?: string;
  note?: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-3xl tabular-nums" data-testid={testId} data-value={value}>
          {value.toLocaleString("en-US")}
        </CardTitle>
      </CardHeader>
      {(href || note) && (
        <CardContent className="text-sm text-muted-foreground">
          {note}
          {href && (
            <Link href={href} className="text-sm text-foreground underline underline-offset-4">
              {hrefLabel}
            </Link>
          )}
        </CardContent>
      )}
    </Card>
  );
}

export function StatCardSkeleton({ label }: { label: string }) {
  return (
    <Card aria-hidden="true">
      <CardHeader>
        <CardDescription>{label}</CardDescription>
        <Skeleton className="h-8 w-24" />
      </CardHeader>
      <CardContent>
        <Skeleton className="h-4 w-28" />
      </CardContent>
    </Card>
  );
}
