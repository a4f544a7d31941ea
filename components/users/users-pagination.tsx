"use client";
import { UrlPagination } from "@/components/shell/url-pagination";
import { usersSearchParams } from "@/lib/console/users-view";

// A client wrapper because the server components that render it cannot hand nuqs parsers across.
export function UsersPagination(props: { total: number; page: number; size: number }) {
  return <UrlPagination searchParams={usersSearchParams} noun="users" testIdPrefix="users" {...props} />;
}
