import type { JobStatusName } from "../live/protocol";

export function StatusChip({ status }: { status: JobStatusName }) {
  return <span className={`chip chip--${status}`}>{status}</span>;
}
