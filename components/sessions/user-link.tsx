import Link from "next/link";

/** A user's email (or id, when Clerk gave none) linking to their page. */
export function UserLink({ userId, email }: { userId: string; email: string | null }) {
  return (
    <Link className="underline-offset-4 hover:underline" href={`/users/${userId}`}>
      {email ?? userId}
    </Link>
  );
}
