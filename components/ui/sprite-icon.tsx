import { cn } from "@/lib/utils";
import type { SpriteIconName } from "./sprite-icons";

const SPRITE_URL = "/icons.svg";

/**
 * An icon drawn from the one cached sprite (/icons.svg) instead of inline paths: the console shell and
 * the users table repeat these on every page, and inline SVG was a fifth of a page's HTML.
 */
export function SpriteIcon({ name, className }: { name: SpriteIconName; className?: string }) {
  return (
    <svg aria-hidden="true" className={cn("ui-icon", className)}>
      <use href={`${SPRITE_URL}#${name}`} />
    </svg>
  );
}
