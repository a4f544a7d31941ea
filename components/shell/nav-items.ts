import type { SpriteIconName } from "@/components/ui/sprite-icons";

export interface NavItem {
  href: string;
  label: string;
  icon: SpriteIconName;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", icon: "layout-dashboard" },
  { href: "/users", label: "Users", icon: "users" },
  { href: "/organizations", label: "Organizations", icon: "building-complex" },
  { href: "/invitations", label: "Invitations", icon: "mail" },
  { href: "/sessions", label: "Sessions", icon: "monitor-smartphone" },
  { href: "/access", label: "Access lists", icon: "shield-ban" },
  { href: "/audit", label: "Audit", icon: "rotate-ccw-clock" },
  { href: "/chat", label: "Chat", icon: "message-square" },
  { href: "/approvals", label: "Approvals", icon: "clipboard-check" },
  { href: "/jobs", label: "Jobs", icon: "list-checks" },
  { href: "/automations", label: "Automations", icon: "workflow" },
];

/** "/users/user_1" keeps "Users" highlighted; "/" only matches itself. */
export function isActiveHref(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
