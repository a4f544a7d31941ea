export const THEME_STORAGE_KEY = "theme";
export const THEME_CHOICES = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/**
 * Puts `dark` on <html> when the given (else stored) choice is "dark", or is "system" or absent and the
 * system prefers dark. It is serialised into the root layout's pre-paint script, so it may use nothing outside its body.
 */
export function applyTheme(storageKey: string, chosen?: string): void {
  let choice = chosen ?? null;
  if (chosen === undefined) {
    try {
      choice = window.localStorage.getItem(storageKey);
    } catch {
      // Storage blocked (privacy settings): follow the system.
    }
  }
  const dark =
    choice === "dark" || (choice !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

function watchTheme(apply: typeof applyTheme, storageKey: string): void {
  apply(storageKey);
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => apply(storageKey));
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey) apply(storageKey);
  });
}

/** Runs in <head> before the first paint, so a reload never flashes the other theme. */
export const themeScript = `(${watchTheme})(${applyTheme},${JSON.stringify(THEME_STORAGE_KEY)})`;
