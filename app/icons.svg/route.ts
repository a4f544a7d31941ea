import { spriteSvg } from "@/components/ui/sprite-icons";

// Built once at build time and served as a static file.
export const dynamic = "force-static";

export function GET() {
  return new Response(spriteSvg(), {
    headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" },
  });
}
