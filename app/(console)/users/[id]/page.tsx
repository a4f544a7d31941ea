import { notFound } from "next/navigation";
import { UserOrganizations } from "@/components/organizations/user-organizations";
import { UserDetailView } from "@/components/users/user-detail";
import { UserLifecycleSection } from "@/components/users/user-lifecycle-section";
import { requirePageAccess } from "@/lib/auth";
import { userPageAccess } from "@/lib/auth/policy";
import { loadUserOrganizations } from "@/lib/console/organization-reads";
import { loadUserWithSessions } from "@/lib/console/reads";
import { toUserDetail } from "@/lib/console/user-row";
import { isAppError, toPublicError } from "@/lib/errors";

export default async function UserDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read");
  const { id } = await params;
  if (!/^user_[A-Za-z0-9]+$/.test(id)) notFound();
  let data: Awaited<ReturnType<typeof loadUserWithSessions>>;
  // Concurrent with the user's reads; a failure here only empties its own section.
  const memberships = loadUserOrganizations(id).then(
    (r) => ({ organizations: r.organizations, error: null }),
    (err: unknown) => ({ organizations: [], error: toPublicError(err).message }),
  );
  try {
    data = await loadUserWithSessions(id);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
  const detail = toUserDetail(data.user);
  const access = userPageAccess(me.role);
  const label = detail.name || detail.emails.find((e) => e.primary)?.address || detail.id;
  return (
    <UserDetailView
      user={detail}
      sessions={data.sessions}
      canWrite={access.write}
      canRevoke={access.revoke}
      organizations={<UserOrganizations {...(await memberships)} />}
      lifecycle={<UserLifecycleSection userId={id} label={label} access={access} viewerId={me.userId} />}
    />
  );
}
