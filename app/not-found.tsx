import { StatusNotice } from "@/components/shell/forbidden-notice";

export default function NotFound() {
  return <StatusNotice code={404} message="This page could not be found." />;
}
