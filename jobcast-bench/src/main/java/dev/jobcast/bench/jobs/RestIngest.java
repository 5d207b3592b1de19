// The single-report REST path: POST /api/jobs/{id}/progress, one request in flight per connection.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.KeepAliveHttp;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * C keep-alive HTTP/1.1 connections, each on a thread of its own, each with one request in
 * flight: the next free connection takes the next report in due order, waits until it is
 * due, and sends it ({@code /progress}, or {@code /complete} for a completion). 2xx is
 * accepted; 4xx and 503 are refused with the body's error code; anything else, or no
 * answer, failed.
 */
final class RestIngest implements IngestPath {
    private final URI url;
    private final String workerToken;
    private final int connections;
    private final int timeoutMillis;

    RestIngest(URI url, String workerToken, int connections, int timeoutMillis) {
        this.url = url;
        this.workerToken = workerToken;
        this.connections = connections;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void send(Due due, ReportEncoding encoding, Ledger ledger) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        IngestPath.onThreads((int) Math.min(connections, due.total()), "bench-rest", () -> {
            try (KeepAliveHttp http = new KeepAliveHttp(url, timeoutMillis)) {
                for (long n = next.getAndIncrement(); n < due.total(); n = next.getAndIncrement()) {
                    Due.Item item = due.item(n);
                    IngestPath.parkUntil(ledger.startNanos() + item.dueNanos());
                    sendOne(http, item, encoding, ledger);
                }
            }
        });
    }

    private void sendOne(KeepAliveHttp http, Due.Item item, ReportEncoding encoding, Ledger ledger) {
        ledger.sending(item);
        try {
            KeepAliveHttp.Response r = http.post(encoding.restPath(item), workerToken, encoding.restBody(item));
            long now = System.nanoTime();
            if (r.status() / 100 == 2) {
                ledger.accepted(item, now);
            } else if (IngestPath.refusal(r.status())) {
                ledger.refused(item, ItemResults.restError(r.status(), r.body()));
            } else {
                ledger.failed(item, ItemResults.restError(r.status(), r.body()));
            }
        } catch (IOException | RuntimeException e) {
            ledger.failed(item, "io: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        // Each thread closes its own connection.
    }
}
