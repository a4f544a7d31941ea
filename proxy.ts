import { type ClerkMiddlewareAuth, clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { isWorkflowRoute, workflowRouteAllowed } from "@/lib/workflow/route-guard";

// Local Clerk wiring. The browser reaches Clerk's Frontend API at /__clerk on this origin; with
// Local Clerk, Clerk's own frontendApiProxy forwards it to the emulator (CLERK_FAPI_URL). The proxy
// is switched on ONLY when LOCAL_CLERK_URL is set AND the secret key is Local Clerk's, so a
// deployment with real Clerk keys can never route its sign-in traffic to an emulator.
const LOCAL_CLERK_SECRET_PREFIX = "sk_live_local_clerk_";
const localClerkUrl = process.env.LOCAL_CLERK_URL;
const secretIsLocal = process.env.CLERK_SECRET_KEY?.startsWith(LOCAL_CLERK_SECRET_PREFIX) ?? false;
const useLocalClerk = !!localClerkUrl && secretIsLocal;

if (localClerkUrl && !secretIsLocal) {
  console.error(
    "LOCAL_CLERK_URL is set but CLERK_SECRET_KEY is not Local Clerk's key: the /__clerk proxy to Local Clerk stays OFF.",
  );
}
if (useLocalClerk) process.env.CLERK_FAPI_URL ??= localClerkUrl;

const isPublicPage = createRouteMatcher(["/sign-in(.*)", "/sign-up(.*)"]);

/** Only page navigations are redirected; API routes and server actions answer with their own 401/403. */
function isDocumentRequest(req: Request): boolean {
  if (req.method !== "GET") return false;
  const dest = req.headers.get("sec-fetch-dest");
  if (dest) return dest === "document";
  return (req.headers.get("accept") ?? "").includes("text/html");
}

async function handler(auth: ClerkMiddlewareAuth, req: NextRequest) {
  const path = req.nextUrl.pathname;
  if (isPublicPage(req) || path.startsWith("/api/") || !isDocumentRequest(req)) return NextResponse.next();
  const { userId, redirectToSignIn } = await auth();
  if (!userId) return redirectToSignIn({ returnBackUrl: req.url });
  return NextResponse.next();
}

// An options object makes clerkMiddleware encrypt it into every request (and auth() decrypt it):
// pass one only when the Local Clerk proxy needs it.
const clerk = useLocalClerk
  ? clerkMiddleware(handler, { frontendApiProxy: { enabled: true } })
  : clerkMiddleware(handler);

// The workflow engine's routes skip Clerk (its deliveries carry no session) and are restricted instead.
export default function proxy(req: NextRequest, event: NextFetchEvent) {
  if (isWorkflowRoute(req.nextUrl.pathname))
    return workflowRouteAllowed(req.nextUrl.pathname, req.headers)
      ? NextResponse.next()
      : new NextResponse(null, { status: 404 });
  return clerk(req, event);
}

export const config = {
  matcher: [
    // Everything except Next internals and static files (CSV exports stay inside, they need auth()).
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|docx?|xlsx?|zip|webmanifest|txt)).*)",
    "/(api|trpc)(.*)",
    // ClerkJS and @clerk/ui bundles end in .js, which the first pattern skips.
    "/__clerk/(.*)",
  ],
};
