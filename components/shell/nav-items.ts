import {
  Building2Icon,
  ClipboardCheckIcon,
  HistoryIcon,
  LayoutDashboardIcon,
  ListChecksIcon,
  type LucideIcon,
  MailIcon,
  MessageSquareIcon,
  ShieldBanIcon,
  UsersIcon,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboardIcon },
  { href: "/users", label: "Users", icon: UsersIcon },
  { href: "/organizations", label: "Organizations", icon: Building2Icon },
  { href: "/invitations", label: "Invitations", icon: MailIcon },
  { href: "/access", label: "Access lists", icon: ShieldBanIcon },
  { href: "/audit", label: "Audit", icon: HistoryIcon },
  { href: "/chat", label: "Chat", icon: MessageSquareIcon },
  { href: "/approvals", label: "Approvals", icon: ClipboardCheckIcon },
  { href: "/jobs", label: "Jobs", icon: ListChecksIcon },
];

/** "/users/user_1" keeps "Users" highlighted; "/" only matches itself. */
export function isActiveHref(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
