import type { SignIn } from "@clerk/nextjs";
import type { ComponentProps } from "react";

/** Clerk's <SignIn/> and <UserButton/> drawn from the console's CSS variables, so they follow dark mode. */
export const clerkAppearance = {
  variables: {
    colorBackground: "var(--card)",
    colorForeground: "var(--card-foreground)",
    colorNeutral: "var(--foreground)",
    colorPrimary: "var(--primary)",
    colorPrimaryForeground: "var(--primary-foreground)",
    colorDanger: "var(--destructive)",
    colorSuccess: "var(--success)",
    colorWarning: "var(--warning)",
    colorMuted: "var(--muted)",
    colorMutedForeground: "var(--muted-foreground)",
    colorInput: "var(--card)",
    colorInputForeground: "var(--card-foreground)",
    colorBorder: "var(--border)",
    colorRing: "var(--ring)",
    colorModalBackdrop: "var(--overlay)",
  },
} satisfies ComponentProps<typeof SignIn>["appearance"];
