// The batch REST path: POST /api/reports with the reports due so far, every interval, on C connections.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.KeepAliveHttp;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * C keep-alive connections, each on a thread of its own with one batch in flight. At every
 * tick (every {@code interval} from the start) a free connection takes the reports due so
 * far and not taken yet, at most {@code batchSize}, and posts them as one batch; the other
 * free connections take the next ones. A connection back from a batch goes again at once
 * only when a full batch is already due, else at the next tick. Each item's result is its
 * report's answer; a batch answered with 4xx or 503 is refused whole, one with no usable
 * answer failed whole.
 */
final class BatchIngest implements IngestPath {
    private final URI url;
    private final String workerToken;
    private final int connections;
    private final int batchSize;
    private final long intervalNanos;
    private final int timeoutMillis;

    BatchIngest(URI url, String workerToken, int connections, int batchSize,
                long intervalNanos, int timeoutMillis) {
        this.url = url;
        this.workerToken = workerToken;
        this.connections = connections;
        this.batchSize = batchSize;
        this.intervalNanos = intervalNanos;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void send(Due due, ReportEncoding encoding, Ledger ledger) throws InterruptedException {
        AtomicLong cursor = new AtomicLong();
        long start = ledger.startNanos();
        IngestPath.onThreads(connections, "bench-batch", () -> {
            try (KeepAliveHttp http = new KeepAliveHttp(url, timeoutMillis)) {
                while (cursor.get() < due.total()) {
                    long now = System.nanoTime() - start;
                    List<Due.Item> batch = take(due, cursor, now);
                    while (!batch.isEmpty()) {
                        post(http, batch, encoding, ledger);
                        now = System.nanoTime() - start;
                        batch = due.dueBy(now) - cursor.get() >= batchSize ? take(due, cursor, now) : List.of();
                    }
                    IngestPath.parkUntil(start + (Math.max(0, now) / intervalNanos + 1) * intervalNanos);
                }
            }
        });
    }

    /** Takes the next reports due by {@code now}, at most a batch of them; none when nothing is due. */
    private List<Due.Item> take(Due due, AtomicLong cursor, long now) {
        long available = due.dueBy(now);
        while (true) {
            long from = cursor.get();
            long n = Math.min(batchSize, available - from);
            if (n <= 0) {
                return List.of();
            }
            if (cursor.compareAndSet(from, from + n)) {
                List<Due.Item> items = new ArrayList<>((int) n);
                for (long i = from; i < from + n; i++) {
                    items.add(due.item(i));
                }
                return items;
            }
        }
    }

    private void post(KeepAliveHttp http, List<Due.Item> batch, ReportEncoding encoding, Ledger ledger) {
        long[] jobIds = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            jobIds[i] = encoding.jobId(batch.get(i).job());
            ledger.sending(batch.get(i));
        }
        String why;
        try {
            KeepAliveHttp.Response r = http.post(encoding.batchPath(), workerToken, encoding.items(batch));
            long now = System.nanoTime();
            if (r.status() == 200) {
                List<ItemResults.Result> results = ItemResults.ofBatchBody(r.body(), jobIds);
                for (int i = 0; i < batch.size(); i++) {
                    if (results.get(i).ok()) {
                        ledger.accepted(batch.get(i), now);
                    } else {
                        ledger.refused(batch.get(i), results.get(i).error());
                    }
                }
                return;
            }
            why = ItemResults.restError(r.status(), r.body());
            if (IngestPath.refusal(r.status())) {
                for (Due.Item item : batch) {
                    ledger.refused(item, why);
                }
                return;
            }
        } catch (ItemResults.BadAnswer e) {
            why = "bad answer: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            why = "io: " + e.getClass().getSimpleName();
        }
        for (Due.Item item : batch) {
            ledger.failed(item, why);
        }
    }

    @Override
    public void close() {
        // Each thread closes its own connection.
    }
}
