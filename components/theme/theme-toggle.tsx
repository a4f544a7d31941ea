"use client";

import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { THEME_CHOICES, type ThemeChoice } from "./theme-script";
import { useTheme } from "./use-theme";

const LABEL: Record<ThemeChoice, string> = { light: "Light", dark: "Dark", system: "System" };
const ICON = { light: SunIcon, dark: MoonIcon, system: MonitorIcon } as const;

/** Header control: light, dark or the system's theme, remembered in this browser. */
export function ThemeToggle() {
  const { choice, resolved, setChoice } = useTheme();
  const Current = resolved === "dark" ? MoonIcon : SunIcon;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Theme: ${LABEL[choice]}`}
          data-testid="theme-toggle"
          data-theme-choice={choice}
        >
          <Current aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuRadioGroup
          value={choice}
          onValueChange={(value) => setChoice(THEME_CHOICES.find((c) => c === value) ?? "system")}
        >
          {THEME_CHOICES.map((c) => {
            const Icon = ICON[c];
            return (
              <DropdownMenuRadioItem key={c} value={c}>
                <Icon aria-hidden="true" />
                {LABEL[c]}
              </DropdownMenuRadioItem>
            );
          })}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
