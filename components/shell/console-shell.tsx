"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Toaster } from "@/components/ui/sonner";
import type { ConsoleRole } from "@/lib/auth/policy";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { RoleBadge } from "./role-badge";
import { UserMenu } from "./user-menu";

export interface ShellUser {
  email: string | null;
  role: ConsoleRole;
}

/**
 * The console frame: skip link, header (user, role, theme, UserButton), side navigation, main, optional
 * dock. A client component so its markup reaches the browser once, as HTML, instead of a second time
 * inside every page's RSC payload.
 */
export function ConsoleShell({
  user,
  children,
  dock,
}: {
  user: ShellUser;
  children: ReactNode;
  dock?: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[100] focus:rounded-md focus:bg-card focus:px-4 focus:py-2 focus:shadow-md focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-b border-border bg-card/95 px-4 backdrop-blur">
        <MobileNav />
        <Link
          href="/"
          className="rounded-sm font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          Clerk Admin Console
        </Link>
        <div className="ml-auto flex min-w-0 items-center gap-3">
          <RoleBadge role={user.role} />
          {user.email && (
            <span
              data-testid="signed-in-user"
              className="hidden truncate text-sm text-foreground/80 sm:inline"
            >
              {user.email}
            </span>
          )}
          <ThemeToggle />
          <UserMenu />
        </div>
      </header>
      <div className="flex flex-1">
        <aside className="hidden w-56 shrink-0 border-r border-border bg-card p-3 md:block">
          <nav aria-label="Console" className="sticky top-17">
            <NavLinks />
          </nav>
        </aside>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 p-4 outline-none md:p-8">
          {children}
        </main>
        {dock}
      </div>
      <Toaster position="bottom-right" />
    </div>
  );
}
