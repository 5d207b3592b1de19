package dev.jobcast.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.jobcast.bench.JobsTarget;
import dev.jobcast.bench.RecoverCommand;

/**
 * The bench measures any Socket.IO server through the protocol alone; only the two commands
 * that run the jobcast service itself (`bench-target --jobs`, and the recovery scenario that
 * restarts it) may reach into the server's packages.
 */
@AnalyzeClasses(packages = "dev.jobcast", importOptions = ImportOption.DoNotIncludeTests.class)
class BenchArchitectureTest {
    @ArchTest
    static final ArchRule onlyTheServiceRunnersUseTheServer = noClasses().that().resideInAPackage("dev.jobcast.bench..")
            .and().doNotBelongToAnyOf(JobsTarget.class, RecoverCommand.class)
            .should().dependOnClassesThat().resideInAnyPackage("dev.jobcast.jobs..", "dev.jobcast.api..",
                    "dev.jobcast.auth..", "dev.jobcast.store..", "dev.jobcast.server..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.jobcast.(**)").should().beFreeOfCycles();
}
