import type { UserPageAccess } from "@/lib/auth/policy";
import { impersonationsFromAudit } from "@/lib/clerk/actions/list-impersonations";
import { type ImpersonationRequest, openImpersonationRequests } from "@/lib/console/impersonation-requests";
import { loadUserLifecycle } from "@/lib/console/user-lifecycle";
import { toPublicError } from "@/lib/errors";
import { UserDangerZone } from "./user-danger-zone";
import { UserIdentifiers } from "./user-identifiers";
import { UserImpersonation } from "./user-impersonation";
import { UserProfileForm } from "./user-profile-form";

/** The profile form, email/phone management and the danger zone of the user page, from one read of the user. */
export async function UserLifecycleSection({
  userId,
  label,
  access,
  viewerId,
}: {
  userId: string;
  label: string;
  access: UserPageAccess;
  /** The signed-in console user: their own impersonation requests are listed. */
  viewerId: string;
}) {
  const canWrite = access.write;
  let view: Awaited<ReturnType<typeof loadUserLifecycle>>;
  let impersonations: Awaited<ReturnType<typeof impersonationsFromAudit>>;
  let requests: ImpersonationRequest[];
  try {
    [view, impersonations, requests] = await Promise.all([
      loadUserLifecycle(userId),
      impersonationsFromAudit({ userId }),
      access.impersonate === "approval" ? openImpersonationRequests(viewerId, userId) : [],
    ]);
  } catch (err) {
    return <p className="text-sm text-destructive">{toPublicError(err).message}</p>;
  }
  return (
    <div className="grid gap-6">
      <UserProfileForm userId={userId} profile={view.profile} canWrite={canWrite} />
      <UserIdentifiers userId={userId} emails={view.emails} phones={view.phones} canWrite={canWrite} />
      <UserImpersonation
        userId={userId}
        label={label}
        access={access}
        active={impersonations.filter((e) => e.active)}
        history={impersonations.filter((e) => !e.active).slice(0, 10)}
        requests={requests}
      />
      <UserDangerZone view={view} label={label} access={access} />
    </div>
  );
}
