package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.testkit.JobcastProcesses;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (Ctrl-C, `docker stop`, systemd) stops `serve` in its own order and nothing else
 * gets in the way: the process exits without its shutdown timing out, and what it answered
 * is there after a restart on the same data. Pekko's JVM hook used to terminate
 * the actor system underneath that order, and the unbind then waited out its 10 s.
 */
class GracefulStopTest {
    @TempDir
    Path work;

    private JobcastProcesses processes;

    @AfterEach
    void killLeftovers() throws Exception {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void sigtermStopsInOrderAndKeepsWhatWasAnswered() throws Exception {
        processes = new JobcastProcesses(work);
        Path dataDir = work.resolve("data");
        int port = JobcastProcesses.freePort();
        Live.Rest rest = new Live.Rest("http://127.0.0.1:" + port);

        Process first = processes.serve("first", port, dataDir);
        processes.awaitReady(first, "first", port);
        String userId = processes.cli(JobcastProcesses.USER_ID, "user", "add", "--email", "stop@live.test",
                "--data-dir", dataDir.toString());
        String token = processes.cli(JobcastProcesses.JWT, "token", "--user-id", userId, "--data-dir",
                dataDir.toString());
        String workerToken = processes.cli(JobcastProcesses.JWT, "token", "--user-id", userId, "--role", "worker",
                "--data-dir", dataDir.toString());
        long jobId = rest.createExternalJob(token);
        rest.progress(workerToken, jobId, 40, "before the stop");

        first.destroy(); // SIGTERM
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the server exited after SIGTERM:\n"
                + processes.log("serve-first"));
        String log = processes.log("serve-first");
        assertFalse(log.contains("shutdown:"), "the shutdown completed without an error:\n" + log);

        Process second = processes.serve("second", port, dataDir);
        processes.awaitReady(second, "second", port);
        assertEquals(40, rest.job(token, jobId).get("progress").asInt(), "the answered report survived the stop");
        assertEquals("before the stop", rest.job(token, jobId).get("message").asText());
    }
}
