import { notFound } from "next/navigation";
import { UserDetailView } from "@/components/users/user-detail";
import { can, requirePageAccess } from "@/lib/auth";
import { loadUserWithSessions } from "@/lib/console/reads";
import { toUserDetail } from "@/lib/console/user-row";
import { isAppError } from "@/lib/errors";

export default async function UserDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read");
  const { id } = await params;
  if (!/^user_[A-Za-z0-9]+$/.test(id)) notFound();
  let data: Awaited<ReturnType<typeof loadUserWithSessions>>;
  try {
    data = await loadUserWithSessions(id);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
  return (
    <UserDetailView
      user={toUserDetail(data.user)}
      sessions={data.sessions}
      canWrite={can(me.role, "write")}
    />
  );
}
