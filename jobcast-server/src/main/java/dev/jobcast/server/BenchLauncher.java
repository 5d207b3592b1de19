package dev.jobcast.server;

import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * `bench` and `bench-target` live in their own jar, target/jobcast-bench.jar, built beside this
 * one: these two commands load it into this JVM and hand it the command line, so that the
 * documented `java -jar target/jobcast.jar bench ...` keeps working and the process measured is
 * still the one started. The production jar itself carries none of the bench.
 */
public final class BenchLauncher {
    static final String JAR_NAME = "jobcast-bench.jar";
    static final String JAR_PROPERTY = "jobcast.bench.jar";
    static final String MAIN = "dev.jobcast.bench.cli.BenchMain";

    private BenchLauncher() {
    }

    @Command(name = "bench", description = "The load generator (from " + JAR_NAME + "; `bench --help` lists its scenarios).")
    public static final class Bench implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            return launch("bench", args);
        }
    }

    @Command(name = "bench-target", description = "The servers the load generator measures (from " + JAR_NAME + ").")
    public static final class Target implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            return launch("bench-target", args);
        }
    }

    static int launch(String command, List<String> args) throws Exception {
        Path jar = benchJar();
        if (!Files.isRegularFile(jar)) {
            System.err.println("jobcast: " + command + " needs " + jar + ", which is not there. `mvn -B -q package"
                    + " -DskipTests` at the repository's root builds it beside target/jobcast.jar (or set -D"
                    + JAR_PROPERTY + "=PATH).");
            return 2;
        }
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        // The bench's classes first from its jar, everything else (the server's classes and
        // dependencies) from this one; the loader lives as long as the command runs.
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, BenchLauncher.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Object code = loader.loadClass(MAIN).getMethod("run", String[].class)
                    .invoke(null, (Object) all.toArray(String[]::new));
            return (Integer) code;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** -Djobcast.bench.jar, else jobcast-bench.jar in the folder of the jar this class came from. */
    static Path benchJar() throws URISyntaxException {
        String set = System.getProperty(JAR_PROPERTY);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        Path self = Path.of(BenchLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path folder = Files.isDirectory(self) ? self : self.getParent();
        return folder.resolve(JAR_NAME);
    }
}
