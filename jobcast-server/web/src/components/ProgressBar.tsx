import type { JobStatusName } from "../live/protocol";

/** A 0..100 bar coloured by the job's status; exposes its value to assistive tech (and tests). */
export function ProgressBar({ value, status, label }: { value: number; status: JobStatusName; label: string }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className={`bar bar--${status}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="bar__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
