package dev.jobcast.jobs.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo runner's script: start, reports through three stages about 5% apart, completion. */
class DemoPlanTest {
    private final DemoPlan plan = DemoPlan.of(Duration.ofSeconds(21), DemoPlan.DEFAULT_STEPS_PER_STAGE);

    private List<DemoPlan.Report> reports(DemoPlan p) {
        List<DemoPlan.Report> out = new ArrayList<>();
        for (int k = 1; k < p.actions() - 1; k++) {
            out.add(assertInstanceOf(DemoPlan.Report.class, p.action(k, 1)));
        }
        return out;
    }

    @Test
    void startsThenReportsThenCompletes() {
        assertEquals(23, plan.actions(), "start, 21 reports, completion");
        assertInstanceOf(DemoPlan.Start.class, plan.action(0, 1));
        assertInstanceOf(DemoPlan.Complete.class, plan.action(22, 1));
        assertTrue(plan.isLast(22));
        assertTrue(!plan.isLast(21));
        assertThrows(IndexOutOfBoundsException.class, () -> plan.action(23, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> plan.action(-1, 1));
    }

    @Test
    void reportsWalkTheStagesInOrderAboutFivePercentApart() {
        List<DemoPlan.Report> reports = reports(plan);
        assertEquals(0, reports.get(0).progress());
        assertEquals("Researching", reports.get(0).stage());
        int previous = -1;
        for (DemoPlan.Report r : reports) {
            assertTrue(r.progress() > previous, "progress goes up: " + reports);
            assertTrue(r.progress() - Math.max(previous, 0) <= 5, "steps of at most 5%: " + reports);
            assertTrue(r.progress() < 100, "only the completion says 100%");
            assertEquals(r.stage() + " (" + r.progress() + "%)", r.message());
            previous = r.progress();
        }
        assertEquals(List.of("Researching", "Drafting", "Polishing"),
                reports.stream().map(DemoPlan.Report::stage).distinct().toList());
        for (String stage : DemoPlan.STAGES) {
            assertEquals(7, reports.stream().filter(r -> r.stage().equals(stage)).count(), stage);
        }
        assertEquals("Drafting (33%)", reports.get(7).message(), "the second stage starts a third of the way");
        assertEquals("Polishing (95%)", reports.get(20).message());
    }

    @Test
    void theWholeWalkTakesTheConfiguredDuration() {
        assertEquals(Duration.ZERO, plan.delayBefore(1), "the first report follows the start at once");
        Duration total = Duration.ZERO;
        for (int k = 1; k < plan.actions(); k++) {
            total = total.plus(plan.delayBefore(k));
        }
        assertEquals(Duration.ofSeconds(21), total);
        assertEquals(Duration.ofSeconds(1), plan.interval());

        DemoPlan odd = DemoPlan.of(Duration.ofMillis(1000), 7);
        Duration oddTotal = Duration.ZERO;
        for (int k = 1; k < odd.actions(); k++) {
            oddTotal = oddTotal.plus(odd.delayBefore(k));
        }
        assertTrue(oddTotal.compareTo(Duration.ofMillis(1000)) <= 0, "never longer than asked");
        assertTrue(Duration.ofMillis(1000).minus(oddTotal).toNanos() < 21, "short only by rounding");
    }

    @Test
    void oneReportPerStageStillCoversEveryStage() {
        DemoPlan small = DemoPlan.of(Duration.ofSeconds(3), 1);
        assertEquals(List.of("Researching (0%)", "Drafting (33%)", "Polishing (66%)"),
                reports(small).stream().map(DemoPlan.Report::message).toList());
    }

    @Test
    void theResultNamesTheStagesAndCountsWords() {
        JsonNode result = assertInstanceOf(DemoPlan.Complete.class, plan.action(22, 42)).result();
        assertTrue(result.get("summary").asText().contains("42"), result.toString());
        assertEquals(List.of("Researching", "Drafting", "Polishing"),
                List.of(result.get("stages").get(0).asText(), result.get("stages").get(1).asText(),
                        result.get("stages").get(2).asText()));
        assertEquals(3, result.get("stages").size());
        assertTrue(result.get("words").isInt() && result.get("words").asInt() > 0, result.toString());
        assertEquals(result, DemoPlan.result(42), "the same job gets the same result");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> DemoPlan.of(Duration.ZERO, 7));
        assertThrows(IllegalArgumentException.class, () -> DemoPlan.of(Duration.ofSeconds(-1), 7));
        assertThrows(IllegalArgumentException.class, () -> DemoPlan.of(Duration.ofSeconds(1), 0));
    }
}
