// What a report looks like on the wire: the REST path and body, and the items of a batch.
package dev.jobcast.bench.jobs;

import java.util.List;

/**
 * The ingest contract's encodings of the run's reports (issue 12):
 * {@code POST /api/jobs/{id}/progress} {progress, message} or {@code /complete} {} on the
 * single REST path, and items {job_id, progress, message} or {job_id, type: "complete"} in
 * the array of a batch ({@code POST /api/reports}) or of a {@code report} event. The
 * message carries the report's due time: {@code anchorMicros} (the wall clock at the
 * start) plus its due offset. Built by hand: the messages hold only digits and letters.
 */
final class ReportEncoding {
    private final long[] jobIds;
    private final String basePath;
    private final long anchorMicros;

    /**
     * @param jobIds       the server's id of each job of the run
     * @param basePath     the URL's path before /api ("" at the root)
     * @param anchorMicros the wall clock (epoch us) at the start of the run
     */
    ReportEncoding(long[] jobIds, String basePath, long anchorMicros) {
        this.jobIds = jobIds.clone();
        this.basePath = basePath.replaceAll("/+$", "");
        this.anchorMicros = anchorMicros;
    }

    long jobId(int job) {
        return jobIds[job];
    }

    /** The report's due time on the wall clock, in epoch microseconds. */
    long dueMicros(Due.Item item) {
        return anchorMicros + item.dueNanos() / 1_000;
    }

    String restPath(Due.Item item) {
        return basePath + "/api/jobs/" + jobIds[item.job()] + (item.complete() ? "/complete" : "/progress");
    }

    String restBody(Due.Item item) {
        if (item.complete()) {
            return "{}";
        }
        return "{\"progress\":" + ReportMessage.progress(item.k()) + ",\"message\":\""
                + ReportMessage.of(item.k(), dueMicros(item)) + "\"}";
    }

    String batchPath() {
        return basePath + "/api/reports";
    }

    /** The items as the JSON array of a batch or of a worker's `report` event. */
    String items(List<Due.Item> items) {
        StringBuilder sb = new StringBuilder(16 + items.size() * 72).append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Due.Item item = items.get(i);
            sb.append("{\"job_id\":").append(jobIds[item.job()]);
            if (item.complete()) {
                sb.append(",\"type\":\"complete\"}");
            } else {
                sb.append(",\"progress\":").append(ReportMessage.progress(item.k()))
                        .append(",\"message\":\"").append(ReportMessage.of(item.k(), dueMicros(item))).append("\"}");
            }
        }
        return sb.append(']').toString();
    }
}
