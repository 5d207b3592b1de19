package dev.jobcast.engineio.adapter.lean.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codec stays plain Java (the project's rule for codec packages): it imports the JDK and
 * itself only, so the server's transport and the load generator can both take it as it is.
 */
class PlainJavaTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/jobcast/engineio/adapter/lean/ws");

    @Test
    void importsOnlyTheJdkAndItself() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the project's directory: " + SOURCES.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 6, "found " + files);
        for (Path file : files) {
            List<String> foreign = Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith("import "))
                    .map(line -> line.replaceFirst("^import (static )?", ""))
                    .filter(name -> !name.startsWith("java.") && !name.startsWith("dev.jobcast.engineio.adapter.lean.ws."))
                    .toList();
            assertEquals(List.of(), foreign, file.getFileName().toString());
        }
    }
}
