"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { PendingBadge } from "@/components/approvals/pending-badge";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { cn } from "@/lib/utils";
import { isActiveHref, NAV_ITEMS } from "./nav-items";

// Built once: the same icon elements on every render.
const ICONS = new Map(
  NAV_ITEMS.map(({ href, icon }) => [href, <SpriteIcon key={href} name={icon} className="size-4" />]),
);

export function NavLinks({ onNavigate, className }: { onNavigate?: () => void; className?: string }) {
  const pathname = usePathname();
  return (
    <ul data-slot="nav-links" className={cn("flex flex-col gap-1", className)}>
      {NAV_ITEMS.map(({ href, label }) => {
        const active = isActiveHref(pathname, href);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "ui-nav-link",
                active &&
                  "bg-primary text-primary-foreground hover:bg-primary/90 hover:text-primary-foreground",
              )}
            >
              {ICONS.get(href)}
              {label}
              {href === "/approvals" && <PendingBadge />}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
