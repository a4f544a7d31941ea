import { ForbiddenNotice } from "@/components/shell/forbidden-notice";

export default function Forbidden() {
  return <ForbiddenNotice title="403 — No access to this console" />;
}
