package dev.jobcast.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows of the Socket.IO library that its Maven module cannot state: the codecs are plain
 * Java, the Engine.IO core knows neither its adapters nor Socket.IO, and no two packages import
 * each other. (That the library imports nothing of the service is the module's own boundary.)
 */
@AnalyzeClasses(packages = "dev.jobcast", importOptions = ImportOption.DoNotIncludeTests.class)
class LibraryArchitectureTest {
    static final String[] CODECS = {"dev.jobcast.engineio.codec..", "dev.jobcast.socketio.codec..",
        "dev.jobcast.engineio.adapter.lean.http..", "dev.jobcast.engineio.adapter.lean.ws.."};

    @ArchTest
    static final ArchRule codecsImportNoPekko = noClasses().that().resideInAnyPackage(CODECS)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..")
            .because("codecs are pure, unit-tested against the protocol documents' vectors");

    @ArchTest
    static final ArchRule httpAndWebSocketCodecsAreJdkOnly = classes().that()
            .resideInAnyPackage("dev.jobcast.engineio.adapter.lean.http..", "dev.jobcast.engineio.adapter.lean.ws..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.jobcast.engineio.adapter.lean.http..",
                    "dev.jobcast.engineio.adapter.lean.ws..")
            .because("the load generator takes the same HTTP and WebSocket codecs as the server does");

    @ArchTest
    static final ArchRule engineCoreKnowsNoAdapterNorSocketIo = noClasses().that()
            .resideInAnyPackage("dev.jobcast.engineio", "dev.jobcast.engineio.codec")
            .should().dependOnClassesThat().resideInAnyPackage("dev.jobcast.engineio.adapter..",
                    "dev.jobcast.engineio.port..", "dev.jobcast.socketio..", "org.apache.pekko.http..")
            .because("Engine.IO sessions are served by either adapter, and serve any application");

    @ArchTest
    static final ArchRule adaptersDoNotKnowEachOther = noClasses().that()
            .resideInAPackage("dev.jobcast.engineio.adapter.pekkohttp..")
            .should().dependOnClassesThat().resideInAPackage("dev.jobcast.engineio.adapter.lean..");

    @ArchTest
    static final ArchRule socketIoKnowsNoHttp = noClasses().that().resideInAPackage("dev.jobcast.socketio..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.jobcast.engineio.adapter..",
                    "dev.jobcast.engineio.port..", "org.apache.pekko.http..")
            .because("Socket.IO runs on Engine.IO sessions, whichever adapter carries them");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.jobcast.(**)").should().beFreeOfCycles();
}
