"use client";
import { PaginationNav } from "@/components/shell/url-pagination";
import { useUsersView } from "./users-view-state";

export function UsersPagination(props: { total: number; page: number; size: number }) {
  const { setView } = useUsersView();
  return <PaginationNav noun="users" testIdPrefix="users" {...props} onPage={(page) => setView({ page })} />;
}
