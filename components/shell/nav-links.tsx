"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { PendingBadge } from "@/components/approvals/pending-badge";
import { cn } from "@/lib/utils";
import { isActiveHref, NAV_ITEMS } from "./nav-items";

export function NavLinks({ onNavigate, className }: { onNavigate?: () => void; className?: string }) {
  const pathname = usePathname();
  return (
    <ul data-slot="nav-links" className={cn("flex flex-col gap-1", className)}>
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = isActiveHref(pathname, href);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-zinc-700 outline-none transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:ring-[3px] focus-visible:ring-zinc-950/30",
                active && "bg-zinc-900 text-white hover:bg-zinc-800 hover:text-white",
              )}
            >
              <Icon className="size-4 shrink-0" aria-hidden="true" />
              {label}
              {href === "/approvals" && <PendingBadge />}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
