import { StatusNotice } from "@/components/shell/forbidden-notice";

export default function Unauthorized() {
  return <StatusNotice code={401} message="You are not signed in." />;
}
