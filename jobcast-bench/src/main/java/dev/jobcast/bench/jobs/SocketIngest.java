// The Socket.IO worker path: `report` events of the due items on /workers, acked, bounded in flight.
package dev.jobcast.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.bench.WsConnection;
import dev.jobcast.bench.WsConnector;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * C worker connections on /workers. One ticker thread, at every tick (every
 * {@code interval} from the start), hands the reports due so far to the connections in
 * turn, each a {@code report} event of an array of at most {@code batchSize} items with an
 * ack, while the connection has fewer than {@code maxInFlight} items unanswered; what finds
 * no room waits for the next tick. The acks are read on the connections' selector threads.
 * A report whose ack does not come within the answer timeout, or whose connection dropped,
 * failed.
 */
final class SocketIngest implements IngestPath {
    private final WsConnector connector;
    private final URI target;
    private final String connectFrame;
    private final int batchSize;
    private final long intervalNanos;
    private final int maxInFlight;
    private final long answerTimeoutNanos;
    private final List<Worker> workers = new ArrayList<>();
    // Set by send, before any report goes out: the acks of its reports use them.
    private volatile ReportEncoding encoding;
    private volatile Ledger ledger;

    SocketIngest(WsConnector connector, URI target, String workerToken, int batchSize,
                 long intervalNanos, int maxInFlight, long answerTimeoutNanos) {
        this.connector = connector;
        this.target = target;
        this.connectFrame = WorkerSession.connectFrame(workerToken);
        this.batchSize = batchSize;
        this.intervalNanos = intervalNanos;
        this.maxInFlight = maxInFlight;
        this.answerTimeoutNanos = answerTimeoutNanos;
    }

    /** Opens {@code connections} workers and waits until each is connected or failed; fails if none is. */
    void open(int connections, long timeoutMillis) throws InterruptedException {
        CountDownLatch settled = new CountDownLatch(connections);
        List<String> why = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker w = new Worker(settled, why);
            workers.add(w);
            connector.connect(target, w).whenComplete((conn, error) -> {
                if (error != null) {
                    w.onClosed(null, "connect failed: " + error.getMessage());
                } else {
                    w.connection = conn;
                }
            });
        }
        settled.await(timeoutMillis, TimeUnit.MILLISECONDS);
        if (workers.stream().noneMatch(Worker::ready)) {
            synchronized (why) {
                throw new IllegalStateException("no worker connection to " + target + ": " + why);
            }
        }
    }

    @Override
    public void send(Due due, ReportEncoding encoding, Ledger ledger) throws InterruptedException {
        this.encoding = encoding;
        this.ledger = ledger;
        long start = ledger.startNanos();
        long target = ledger.answered() + due.total();
        long cursor = 0;
        int turn = 0;
        while (cursor < due.total()) {
            long now = System.nanoTime() - start;
            long available = due.dueBy(now);
            // A batch to each connection with room in turn, round after round, while reports are due.
            boolean sent = true;
            while (sent && cursor < available) {
                sent = false;
                for (int tried = 0; tried < workers.size() && cursor < available; tried++) {
                    Worker w = workers.get(turn++ % workers.size());
                    int room = w.room(maxInFlight);
                    if (room <= 0) {
                        continue;
                    }
                    int n = (int) Math.min(Math.min(batchSize, room), available - cursor);
                    List<Due.Item> batch = new ArrayList<>(n);
                    for (long i = cursor; i < cursor + n; i++) {
                        batch.add(due.item(i));
                    }
                    if (w.report(batch)) {
                        cursor += n;
                        sent = true;
                    }
                }
            }
            if (cursor < available && workers.stream().noneMatch(Worker::ready)) {
                for (long i = cursor; i < due.total(); i++) {
                    ledger.sending(due.item(i));
                    ledger.failed(due.item(i), "no worker connection left");
                }
                break;
            }
            IngestPath.parkUntil(start + (Math.max(0, now) / intervalNanos + 1) * intervalNanos);
        }
        if (!ledger.awaitAnswered(target, System.nanoTime() + answerTimeoutNanos)) {
            // Whatever is still unanswered failed; its connection is of no more use.
            for (Worker w : workers) {
                w.abandon("no ack within " + TimeUnit.NANOSECONDS.toSeconds(answerTimeoutNanos) + " s");
            }
        }
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            WsConnection c = w.connection;
            if (c != null) {
                c.close();
            }
        }
    }

    /** One worker connection: its WebSocket and its session, which it feeds. */
    private final class Worker implements WsConnection.Handler, WorkerSession.Events<List<Due.Item>> {
        final WorkerSession<List<Due.Item>> session = new WorkerSession<>(connectFrame, this);
        private final CountDownLatch settled;
        private final List<String> why;
        volatile WsConnection connection;
        private boolean counted;

        Worker(CountDownLatch settled, List<String> why) {
            this.settled = settled;
            this.why = why;
        }

        synchronized boolean ready() {
            return session.phase() == WorkerSession.Phase.READY;
        }

        /** Items it may take now; -1 when it is gone. */
        synchronized int room(int max) {
            return session.phase() != WorkerSession.Phase.READY ? -1 : max - session.inFlight();
        }

        /** Sends the batch; false (nothing sent) if the worker is gone. */
        boolean report(List<Due.Item> batch) {
            for (Due.Item item : batch) {
                ledger.sending(item);
            }
            String frame;
            WsConnection c;
            synchronized (this) {
                if (session.phase() != WorkerSession.Phase.READY) {
                    return false;
                }
                frame = session.report(batch, batch.size(), encoding.items(batch));
                c = connection;
            }
            c.send(frame);
            return true;
        }

        synchronized void abandon(String reason) {
            if (session.inFlight() > 0) {
                session.failed(reason);
                if (connection != null) {
                    connection.close();
                }
            }
        }

        @Override
        public synchronized void onText(WsConnection c, String text) {
            connection = c;
            session.onText(text, c::send);
        }

        @Override
        public synchronized void onClosed(WsConnection c, String reason) {
            session.failed(reason);
        }

        @Override
        public void ready(WorkerSession<List<Due.Item>> s) {
            settle();
        }

        @Override
        public void answered(WorkerSession<List<Due.Item>> s, List<Due.Item> batch, JsonNode ackArgs) {
            long now = System.nanoTime();
            long[] jobIds = new long[batch.size()];
            for (int i = 0; i < jobIds.length; i++) {
                jobIds[i] = encoding.jobId(batch.get(i).job());
            }
            try {
                List<ItemResults.Result> results = ItemResults.ofAck(ackArgs, jobIds);
                for (int i = 0; i < jobIds.length; i++) {
                    if (results.get(i).ok()) {
                        ledger.accepted(batch.get(i), now);
                    } else {
                        ledger.refused(batch.get(i), results.get(i).error());
                    }
                }
            } catch (ItemResults.BadAnswer e) {
                for (Due.Item item : batch) {
                    ledger.failed(item, "bad answer: " + e.getMessage());
                }
            }
        }

        @Override
        public void failed(WorkerSession<List<Due.Item>> s, String reason, List<List<Due.Item>> unanswered) {
            if (!counted) {
                synchronized (why) {
                    why.add(reason);
                }
            }
            settle();
            for (List<Due.Item> batch : unanswered) {
                for (Due.Item item : batch) {
                    ledger.failed(item, "worker connection: " + reason);
                }
            }
        }

        private void settle() {
            if (!counted) {
                counted = true;
                settled.countDown();
            }
        }
    }
}
