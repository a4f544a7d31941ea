import { toast } from "sonner";

/** Copies `text` and says so; where the browser refuses, the user is told to copy it by hand. */
export function copyToClipboard(text: string, what: string): void {
  navigator.clipboard.writeText(text).then(
    () => toast.success(`${what} copied.`),
    () => toast.error(`Copy failed; select the ${what.toLowerCase()} and copy it.`),
  );
}
