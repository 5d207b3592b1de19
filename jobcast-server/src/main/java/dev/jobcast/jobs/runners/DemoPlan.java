package dev.jobcast.jobs.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The demo runner's script, as plain data: action 0 starts the job, actions 1..n report
 * progress through the stages, action n+1 completes it; and how long to wait before each.
 */
public final class DemoPlan {
    public static final List<String> STAGES = List.of("Researching", "Drafting", "Polishing");
    /** Seven reports per stage: 21 in all, about 5% apart. */
    public static final int DEFAULT_STEPS_PER_STAGE = 7;

    public sealed interface Action {
    }

    public record Start() implements Action {
    }

    public record Report(int progress, String stage, String message) implements Action {
    }

    public record Complete(JsonNode result) implements Action {
    }

    private final int stepsPerStage;
    private final int reports;
    private final Duration interval;

    private DemoPlan(int stepsPerStage, Duration interval) {
        this.stepsPerStage = stepsPerStage;
        this.reports = STAGES.size() * stepsPerStage;
        this.interval = interval;
    }

    /** Reports spread evenly so that the completion comes {@code total} after the start. */
    public static DemoPlan of(Duration total, int stepsPerStage) {
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("demo duration must be positive, got " + total);
        }
        if (stepsPerStage < 1) {
            throw new IllegalArgumentException("steps per stage must be at least 1, got " + stepsPerStage);
        }
        return new DemoPlan(stepsPerStage, total.dividedBy(STAGES.size() * (long) stepsPerStage));
    }

    /** Start, the reports, and the completion. */
    public int actions() {
        return reports + 2;
    }

    public boolean isLast(int k) {
        return k == actions() - 1;
    }

    public Action action(int k, long jobId) {
        if (k < 0 || k >= actions()) {
            throw new IndexOutOfBoundsException("action " + k + " of " + actions());
        }
        if (k == 0) {
            return new Start();
        }
        if (isLast(k)) {
            return new Complete(result(jobId));
        }
        int i = k - 1;
        // Floor, so that no report claims 100% before the job is really complete.
        int progress = (int) (100L * i / reports);
        String stage = STAGES.get(i / stepsPerStage);
        return new Report(progress, stage, stage + " (" + progress + "%)");
    }

    /** The first report follows the start at once (it names the first stage); the rest are spaced. */
    public Duration delayBefore(int k) {
        return k <= 1 ? Duration.ZERO : interval;
    }

    public Duration interval() {
        return interval;
    }

    /** A small, deterministic result, shaped like what a writing job could return. */
    public static JsonNode result(long jobId) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode result = f.objectNode();
        result.put("summary", "Demo job " + jobId + " researched, drafted and polished its text");
        ArrayNode stages = result.putArray("stages");
        STAGES.forEach(stages::add);
        result.put("words", 300 + (int) (jobId % 700));
        return result;
    }
}
