"use client";

import { useCallback, useSyncExternalStore } from "react";
import { applyTheme, THEME_STORAGE_KEY, type ThemeChoice } from "./theme-script";

const CHANGE_EVENT = "console-theme-change";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  media.addEventListener("change", onChange);
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    media.removeEventListener("change", onChange);
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function readChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

// A string snapshot keeps useSyncExternalStore's identity check trivial.
function snapshot(): string {
  return `${readChoice()} ${document.documentElement.classList.contains("dark") ? "dark" : "light"}`;
}

/** The stored choice, the theme in effect, and a setter that stores, applies and tells other hooks. */
export function useTheme(): {
  choice: ThemeChoice;
  resolved: "light" | "dark";
  setChoice: (choice: ThemeChoice) => void;
} {
  const [choice, resolved] = useSyncExternalStore(subscribe, snapshot, () => "system light").split(" ") as [
    ThemeChoice,
    "light" | "dark",
  ];
  const setChoice = useCallback((next: ThemeChoice) => {
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage blocked: the choice holds for this page only.
    }
    applyTheme(THEME_STORAGE_KEY, next);
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return { choice, resolved, setChoice };
}
