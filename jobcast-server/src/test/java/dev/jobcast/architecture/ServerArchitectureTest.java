package dev.jobcast.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service's arrows: the job domain knows neither the API nor the live Socket.IO contract,
 * no two packages import each other, and docs/architecture.md's table of arrows is the one
 * the code has (a failure prints the table to paste there).
 */
@AnalyzeClasses(packages = "dev.jobcast",
        importOptions = {ImportOption.DoNotIncludeTests.class, ServerArchitectureTest.NoTestJars.class})
class ServerArchitectureTest {
    /**
     * The library's test kit comes as a jar (jobcast-socketio-tests.jar) once it is packaged,
     * where DoNotIncludeTests, which looks for test-classes folders, does not see it.
     */
    public static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    static final String BEGIN = "<!-- arrows: checked by ServerArchitectureTest -->";
    static final String END = "<!-- arrows: end -->";

    @ArchTest
    static final ArchRule jobsKnowsNeitherApiNorLive = noClasses().that()
            .resideInAnyPackage("dev.jobcast.jobs", "dev.jobcast.jobs.ingest", "dev.jobcast.jobs.runners")
            .should().dependOnClassesThat().resideInAnyPackage("dev.jobcast.api..", "dev.jobcast.jobs.live..")
            .because("the job domain is served by the API and by Socket.IO, and knows neither");

    @ArchTest
    static final ArchRule storeAndAuthKnowNoJobs = noClasses().that()
            .resideInAnyPackage("dev.jobcast.store..", "dev.jobcast.auth..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.jobcast.jobs..", "dev.jobcast.api..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.jobcast.(**)").should().beFreeOfCycles();

    /** dev.jobcast.a.b as a/b; the root package as "(root)". */
    static String shortName(String pkg) {
        return pkg.equals("dev.jobcast") ? "(root)" : pkg.substring("dev.jobcast.".length()).replace('.', '/');
    }

    /** Each package of dev.jobcast, with the other packages of dev.jobcast its classes use. */
    static Map<String, Set<String>> arrows(JavaClasses classes) {
        Map<String, Set<String>> arrows = new TreeMap<>();
        for (JavaClass c : classes) {
            if (!c.getPackageName().startsWith("dev.jobcast")) {
                continue;
            }
            Set<String> to = arrows.computeIfAbsent(shortName(c.getPackageName()), k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (target.startsWith("dev.jobcast") && !target.equals(c.getPackageName())) {
                    to.add(shortName(target));
                }
            }
        }
        return arrows;
    }

    static String table(Map<String, Set<String>> arrows) {
        StringBuilder t = new StringBuilder("| package | imports |\n|---|---|\n");
        arrows.forEach((pkg, to) -> t.append("| `").append(pkg).append("` | ")
                .append(to.isEmpty() ? "nothing" : to.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")))
                .append(" |\n"));
        return t.toString();
    }

    @Test
    void theArchitectureDocumentShowsTheArrowsAsTheyAre() throws Exception {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(new NoTestJars()).importPackages("dev.jobcast");
        String actual = table(arrows(classes));
        Path doc = Path.of(System.getProperty("jobcast.root", "..")).resolve("docs/architecture.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/architecture.md marks its table with " + BEGIN + " and " + END);
        String documented = text.substring(begin + BEGIN.length(), end).strip() + "\n";
        assertEquals(actual, documented, "docs/architecture.md's arrows differ from the code's; the code's are:\n"
                + actual);
    }
}
