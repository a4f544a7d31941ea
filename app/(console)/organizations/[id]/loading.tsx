import { DetailSkeleton } from "@/components/shell/loading-skeletons";

export default function Loading() {
  return <DetailSkeleton label="Loading organization" />;
}
