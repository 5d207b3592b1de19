/**
 * "14:03:07.125" in the viewer's time zone, 24-hour: a job's events are often less than a
 * second apart, and the timeline's column stays narrow. The full instant goes in a title.
 */
export function clock(iso: string | null, millis = true): string {
  if (iso === null) {
    return "";
  }
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) {
    return iso;
  }
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
  return millis ? `${time}.${String(t.getMilliseconds()).padStart(3, "0")}` : time;
}
