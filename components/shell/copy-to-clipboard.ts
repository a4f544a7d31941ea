import { toast } from "sonner";

/** Copies `text` and says so; where the browser refuses, the user is told to copy it by hand. */
export function copyToClipboard(text: string, what: string): void {
  const failed = () => toast.error(`Copy failed; select the ${what.toLowerCase()} and copy it.`);
  try {
    // Outside a secure context (plain http on a LAN address) there is no navigator.clipboard at all.
    const written = navigator.clipboard?.writeText(text);
    if (written) written.then(() => toast.success(`${what} copied.`), failed);
    else failed();
  } catch {
    failed();
  }
}
