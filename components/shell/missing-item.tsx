import Link from "next/link";
import { PageHeader } from "./page-header";

/** A detail page's answer to an id that names nothing: what was not found, and the way back to the list. */
export function MissingItem({
  title,
  what,
  id,
  back,
  testId,
}: {
  title: string;
  what: string;
  id: string;
  back: { href: string; label: string };
  testId: string;
}) {
  return (
    <>
      <PageHeader title={title} />
      <p className="text-sm text-muted-foreground" data-testid={testId}>
        No {what} has the id {id}. <Link href={back.href}>{back.label}</Link>
      </p>
    </>
  );
}
