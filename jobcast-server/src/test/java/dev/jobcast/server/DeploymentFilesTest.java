// The deployment files (Dockerfile, docker-compose.yml) agree with what they deploy: the
// variables conf/application.conf reads, its default port, the API's public routes, the
// subcommands of the jar. No Docker engine is needed: the files are read, not run.
package dev.jobcast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import dev.jobcast.Main;
import dev.jobcast.api.Access;
import dev.jobcast.api.Endpoint;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class DeploymentFilesTest {
    /** The repository's root, where the Dockerfile, docker-compose.yml and conf/ are. */
    private static final Path BASE = Path.of(System.getProperty("jobcast.root", "..")).toAbsolutePath().normalize();
    private static final Set<String> PRODUCTION_VARIABLES =
            Set.of("JOBCAST_DB_URL", "JOBCAST_DB_USER", "JOBCAST_DB_PASSWORD", "JOBCAST_JWT_SECRET");
    private static final Pattern CONFIG_VARIABLE = Pattern.compile("\\$\\{\\?(JOBCAST_[A-Z0-9_]+)}");
    private static final Pattern URL = Pattern.compile("https?://([^/\\s\"']+)(/[^\\s\"']*)");
    private static final Pattern URL_PORT = Pattern.compile(":(?:\\$\\{JOBCAST_PORT:-)?(\\d+)}?$");

    // ---- the checks: each returns what is wrong, so the tests below can also feed them broken files

    /** Every JOBCAST_* variable compose gives jobcast must be one the configuration reads. */
    static List<String> composeVariableProblems(Map<String, Object> compose, Set<String> configVariables) {
        List<String> problems = new ArrayList<>();
        for (String name : jobcastEnvironment(compose).keySet()) {
            if (name.startsWith("JOBCAST_") && !configVariables.contains(name)) {
                problems.add(name + " is set for jobcast but conf/application.conf reads no such variable");
            }
        }
        return problems;
    }

    /** The database and the JWT secret are set, from the operator's environment, never written in the file. */
    static List<String> composeProductionProblems(Map<String, Object> compose) {
        Map<String, Object> env = jobcastEnvironment(compose);
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(PRODUCTION_VARIABLES)) {
            String value = text(env.get(name));
            if (value == null || value.isBlank()) {
                problems.add(name + " is not set for jobcast");
            } else if (!name.equals("JOBCAST_DB_URL") && !value.matches("\\$\\{" + name + "(:?[-?][^}]*)?}")) {
                problems.add(name + " must come from the environment as ${" + name + "...}, not " + value);
            }
        }
        String secret = text(env.get("JOBCAST_JWT_SECRET"));
        if (secret != null && !secret.matches("\\$\\{JOBCAST_JWT_SECRET:\\?[^}]+}")) {
            problems.add("JOBCAST_JWT_SECRET must be required (${JOBCAST_JWT_SECRET:?message}), not " + secret);
        }
        String url = text(env.get("JOBCAST_DB_URL"));
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            problems.add("JOBCAST_DB_URL must be a jdbc:postgresql:// URL, not " + url);
        }
        return problems;
    }

    /** jobcast's database URL, user and password are those of the postgres service it waits for. */
    static List<String> composeDatabaseProblems(Map<String, Object> compose) {
        Map<String, Object> env = jobcastEnvironment(compose);
        List<String> problems = new ArrayList<>();
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*")
                .matcher(String.valueOf(text(env.get("JOBCAST_DB_URL"))));
        if (!url.matches()) {
            return List.of("JOBCAST_DB_URL names no host and database: " + env.get("JOBCAST_DB_URL"));
        }
        String host = url.group(1);
        Map<String, Object> db = map(map(compose, "services"), host);
        if (db.isEmpty()) {
            return List.of("JOBCAST_DB_URL points at host " + host + ", which is no service of the compose file");
        }
        Map<String, Object> dbEnv = map(db, "environment");
        check(problems, "5432".equals(url.group(2) == null ? "5432" : url.group(2)), "the database port is not 5432");
        check(problems, url.group(3).equals(text(dbEnv.get("POSTGRES_DB"))),
                "the URL's database " + url.group(3) + " is not POSTGRES_DB " + dbEnv.get("POSTGRES_DB"));
        check(problems, String.valueOf(env.get("JOBCAST_DB_USER")).equals(text(dbEnv.get("POSTGRES_USER"))),
                "JOBCAST_DB_USER and POSTGRES_USER differ");
        check(problems, String.valueOf(env.get("JOBCAST_DB_PASSWORD")).equals(text(dbEnv.get("POSTGRES_PASSWORD"))),
                "JOBCAST_DB_PASSWORD and POSTGRES_PASSWORD differ");
        check(problems, "service_healthy".equals(text(map(map(map(compose, "services", "jobcast"), "depends_on"),
                host).get("condition"))), "jobcast does not wait for " + host + " to be healthy");
        check(problems, String.valueOf(map(db, "healthcheck").get("test")).contains("pg_isready"),
                host + " has no pg_isready health check");
        check(problems, namedVolumeAt(compose, host, "/var/lib/postgresql/data"),
                host + " keeps its data in no named volume");
        return problems;
    }

    /** The health check asks a public route on the port jobcast listens on, which is published, and the data folder is a volume. */
    static List<String> composeProbeProblems(Map<String, Object> compose, int defaultPort, String dataDir) {
        Map<String, Object> jobcast = map(compose, "services", "jobcast");
        Map<String, Object> env = jobcastEnvironment(compose);
        int port = env.containsKey("JOBCAST_PORT") ? Integer.parseInt(text(env.get("JOBCAST_PORT"))) : defaultPort;
        List<String> problems = new ArrayList<>(probeProblems("docker-compose.yml's jobcast health check",
                String.valueOf(map(jobcast, "healthcheck").get("test")), port));
        List<String> published = list(jobcast.get("ports")).stream()
                .map(p -> p.replaceAll("/(tcp|udp)$", "").replaceAll(".*:", "")).toList();
        check(problems, published.contains(Integer.toString(port)),
                "port " + port + " is not among the published ports " + published);
        String dir = env.containsKey("JOBCAST_DATA_DIR") ? text(env.get("JOBCAST_DATA_DIR")) : dataDir;
        check(problems, dir != null && namedVolumeAt(compose, "jobcast", dir), "jobcast's data folder " + dir
                + " is in no named volume");
        return problems;
    }

    static List<String> dockerExposeProblems(List<Instruction> runtime, int defaultPort) {
        List<String> exposed = runtime.stream().filter(i -> i.is("EXPOSE"))
                .flatMap(i -> Arrays.stream(i.args().split("\\s+"))).map(p -> p.replace("/tcp", "")).toList();
        return exposed.equals(List.of(Integer.toString(defaultPort))) ? List.of()
                : List.of("the runtime stage exposes " + exposed + ", the configured port is " + defaultPort);
    }

    static List<String> dockerHealthcheckProblems(List<Instruction> runtime, int defaultPort) {
        List<Instruction> checks = runtime.stream().filter(i -> i.is("HEALTHCHECK")).toList();
        if (checks.size() != 1 || !checks.get(0).args().contains(" CMD ")) {
            return List.of("the runtime stage needs exactly one HEALTHCHECK ... CMD, found " + checks);
        }
        return probeProblems("the Dockerfile's HEALTHCHECK", checks.get(0).args(), defaultPort);
    }

    static List<String> dockerUserProblems(List<Instruction> runtime) {
        List<Instruction> users = runtime.stream().filter(i -> i.is("USER")).toList();
        if (users.isEmpty()) {
            return List.of("the runtime stage sets no USER, so it runs as root");
        }
        String user = users.get(users.size() - 1).args().split(":")[0].strip();
        return user.equals("root") || user.matches("0+") ? List.of("the runtime stage runs as " + user) : List.of();
    }

    /** ENTRYPOINT runs the jar the stage copies in; CMD is one of its subcommands; ENV sets only known variables. */
    static List<String> dockerEntrypointProblems(List<Instruction> runtime, Set<String> configVariables) {
        List<String> problems = new ArrayList<>();
        List<String> entry = execForm(runtime, "ENTRYPOINT");
        int jar = entry.indexOf("-jar");
        if (entry.isEmpty() || !entry.get(0).equals("java") || jar < 0 || jar + 1 >= entry.size()) {
            return List.of("ENTRYPOINT is not [\"java\", ..., \"-jar\", JAR] in exec form: " + entry);
        }
        String path = entry.get(jar + 1);
        check(problems, runtime.stream().anyMatch(i -> i.is("COPY") && i.args().endsWith(" " + path)),
                "the runtime stage copies nothing to " + path);
        List<String> cmd = execForm(runtime, "CMD");
        check(problems, !cmd.isEmpty() && subcommands().contains(cmd.get(0)),
                "CMD " + cmd + " is not a subcommand of the jar " + subcommands());
        for (String name : environment(runtime).keySet()) {
            check(problems, !name.startsWith("JOBCAST_") || configVariables.contains(name),
                    "ENV " + name + " is read by nothing in conf/application.conf");
        }
        return problems;
    }

    /** The URL in a probe command: GET /health or /ready of the API, on the port jobcast listens on. */
    private static List<String> probeProblems(String what, String command, int port) {
        Matcher m = URL.matcher(command);
        if (!m.find()) {
            return List.of(what + " requests no URL: " + command);
        }
        List<String> problems = new ArrayList<>();
        check(problems, probePaths().contains(m.group(2)),
                what + " asks " + m.group(2) + ", which is not one of the API's public probes " + probePaths());
        Matcher p = URL_PORT.matcher(m.group(1));
        check(problems, p.find() && Integer.parseInt(p.group(1)) == port,
                what + " asks " + m.group(1) + ", not port " + port);
        return problems;
    }

    // ---- the tests

    private static final Facts FACTS = Facts.read();

    @Test
    void composeSetsOnlyVariablesTheConfigurationReads() {
        assertFalse(FACTS.configVariables().isEmpty(), "no ${?JOBCAST_...} entries found in conf/application.conf");
        assertFalse(jobcastEnvironment(FACTS.compose()).isEmpty(), "docker-compose.yml sets no environment for jobcast");
        assertEquals(List.of(), composeVariableProblems(FACTS.compose(), FACTS.configVariables()));
    }

    @Test
    void composeSetsTheDatabaseAndTheJwtSecretFromTheEnvironment() {
        assertEquals(List.of(), composeProductionProblems(FACTS.compose()));
    }

    @Test
    void composeConnectsJobcastToItsPostgresService() {
        assertEquals(List.of(), composeDatabaseProblems(FACTS.compose()));
    }

    @Test
    void composeProbesAndPublishesWhatJobcastServes() {
        assertEquals(List.of(), composeProbeProblems(FACTS.compose(), FACTS.defaultPort(), FACTS.dataDir()));
    }

    @Test
    void dockerfileExposesTheConfiguredPort() {
        assertEquals(8000, FACTS.defaultPort(), "the README and the docs say 8000");
        assertEquals(List.of(), dockerExposeProblems(FACTS.runtime(), FACTS.defaultPort()));
    }

    @Test
    void dockerfileHealthcheckAsksAPublicRoute() {
        assertEquals(List.of(), dockerHealthcheckProblems(FACTS.runtime(), FACTS.defaultPort()));
    }

    @Test
    void dockerfileRuntimeStageRunsAsNonRoot() {
        assertTrue(FACTS.stages().size() >= 2, "the Dockerfile should build in one stage and run in another");
        assertEquals(List.of(), dockerUserProblems(FACTS.runtime()));
    }

    @Test
    void dockerfileRunsTheJarItCopies() {
        assertEquals(List.of(), dockerEntrypointProblems(FACTS.runtime(), FACTS.configVariables()));
    }

    /** The checks above find real mistakes: each is fed the real file with one thing broken. */
    @Nested
    class TheChecksCatch {

        @Test
        void aVariableTheConfigurationDoesNotRead() {
            Map<String, Object> c = compose(s -> s.replace("JOBCAST_DB_URL:", "JOBCAST_DATABASE_URL:"));
            assertNotEquals(List.of(), composeVariableProblems(c, FACTS.configVariables()));
            assertNotEquals(List.of(), composeProductionProblems(c));
        }

        @Test
        void aSecretWrittenIntoTheFileOrWithADefault() {
            String secret = text(jobcastEnvironment(FACTS.compose()).get("JOBCAST_JWT_SECRET"));
            assertNotEquals(List.of(), composeProductionProblems(compose(s -> s.replace(secret, "0123456789abcdef0123456789abcdef"))));
            assertNotEquals(List.of(), composeProductionProblems(compose(s -> s.replace(secret, "${JOBCAST_JWT_SECRET:-dev}"))));
        }

        @Test
        void aDatabaseNameThatDiffersFromThePostgresService() {
            assertNotEquals(List.of(), composeDatabaseProblems(compose(s -> s.replace("POSTGRES_DB: jobcast", "POSTGRES_DB: other"))));
            assertNotEquals(List.of(), composeDatabaseProblems(compose(s -> s.replace("service_healthy", "service_started"))));
        }

        @Test
        void aProbeOfARouteThatDoesNotExistOrAnotherPort() {
            assertNotEquals(List.of(), composeProbeProblems(compose(s -> s.replace("/ready\"", "/readyz\"")),
                    FACTS.defaultPort(), FACTS.dataDir()));
            assertNotEquals(List.of(), composeProbeProblems(FACTS.compose(), FACTS.defaultPort() + 1, FACTS.dataDir()));
            assertNotEquals(List.of(), composeProbeProblems(FACTS.compose(), FACTS.defaultPort(), "/elsewhere"));
            assertNotEquals(List.of(), dockerHealthcheckProblems(runtime(s -> s.replace("/health\"", "/api/jobs\"")),
                    FACTS.defaultPort()));
        }

        @Test
        void anotherExposedPort() {
            assertNotEquals(List.of(), dockerExposeProblems(FACTS.runtime(), FACTS.defaultPort() + 1));
        }

        @Test
        void aRootUser() {
            assertNotEquals(List.of(), dockerUserProblems(runtime(s -> s.replaceAll("(?m)^USER .*$", "USER root"))));
            assertNotEquals(List.of(), dockerUserProblems(runtime(s -> s.replaceAll("(?m)^USER .*$", "USER 0:0"))));
            assertNotEquals(List.of(), dockerUserProblems(runtime(s -> s.replaceAll("(?m)^USER .*$", ""))));
        }

        @Test
        void anUnknownSubcommand() {
            assertNotEquals(List.of(), dockerEntrypointProblems(runtime(s -> s.replaceAll("(?m)^CMD .*$", "CMD [\"run\"]")),
                    FACTS.configVariables()));
        }

        private Map<String, Object> compose(Function<String, String> change) {
            String changed = change.apply(FACTS.composeText());
            assertNotEquals(FACTS.composeText(), changed, "the change did not apply to docker-compose.yml");
            return Yaml.parse(changed);
        }

        private List<Instruction> runtime(Function<String, String> change) {
            String changed = change.apply(FACTS.dockerfileText());
            assertNotEquals(FACTS.dockerfileText(), changed, "the change did not apply to the Dockerfile");
            List<List<Instruction>> stages = Instruction.stages(changed);
            return stages.get(stages.size() - 1);
        }
    }

    @Test
    void theYamlReaderReadsWhatComposeFilesUse() {
        Map<String, Object> y = Yaml.parse("""
                # comment
                a:
                  b: "x: \\"y\\"" # trailing
                  c: plain value # trailing
                  d:
                    - one
                    - "two:2"
                  e: ["CMD", "x"]
                f:
                - 3
                """);
        assertEquals(Map.of("b", "x: \"y\"", "c", "plain value", "d", List.of("one", "two:2"), "e", "[\"CMD\", \"x\"]"),
                y.get("a"));
        assertEquals(List.of("3"), y.get("f"));
    }

    // ---- reading the files

    /** What the checks compare against, read once. */
    record Facts(String composeText, Map<String, Object> compose, String dockerfileText,
                 List<List<Instruction>> stages, Set<String> configVariables, int defaultPort) {

        static Facts read() {
            try {
                String conf = Files.readString(BASE.resolve("conf/application.conf"));
                Set<String> variables = CONFIG_VARIABLE.matcher(conf).results().map(r -> r.group(1))
                        .collect(Collectors.toCollection(TreeSet::new));
                // The defaults, as a container without JOBCAST_* variables sees them.
                int port = ConfigFactory.parseReader(new StringReader(conf), ConfigParseOptions.defaults())
                        .resolve(ConfigResolveOptions.noSystem()).getInt("jobcast.http.port");
                String composeText = Files.readString(BASE.resolve("docker-compose.yml"));
                String dockerfile = Files.readString(BASE.resolve("Dockerfile"));
                return new Facts(composeText, Yaml.parse(composeText), dockerfile, Instruction.stages(dockerfile),
                        variables, port);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the deployment files under " + BASE, e);
            }
        }

        List<Instruction> runtime() {
            return stages.get(stages.size() - 1);
        }

        String dataDir() {
            return environment(runtime()).get("JOBCAST_DATA_DIR");
        }
    }

    /** One Dockerfile instruction, continuation lines joined and comment lines dropped. */
    record Instruction(String keyword, String args) {

        boolean is(String name) {
            return keyword.equals(name);
        }

        /** The instructions of each stage, in order; a stage starts at FROM. */
        static List<List<Instruction>> stages(String dockerfile) {
            List<List<Instruction>> stages = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (String raw : dockerfile.split("\n")) {
                String line = raw.strip();
                if (line.startsWith("#") || line.isEmpty() && pending.length() == 0) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    pending.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                String full = pending.append(line).toString().strip();
                pending.setLength(0);
                String[] parts = full.split("\\s+", 2);
                Instruction i = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : "");
                if (i.is("FROM")) {
                    stages.add(new ArrayList<>());
                }
                if (!stages.isEmpty()) {
                    stages.get(stages.size() - 1).add(i);
                }
            }
            return stages;
        }
    }

    /** The block-style YAML that docker-compose.yml keeps to: maps, lists of scalars, quoted or plain scalars. */
    static final class Yaml {
        private record Line(int number, int indent, String text) {
        }

        static Map<String, Object> parse(String text) {
            List<Line> lines = new ArrayList<>();
            String[] raw = text.split("\n");
            for (int n = 0; n < raw.length; n++) {
                String t = raw[n].strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    lines.add(new Line(n + 1, raw[n].indexOf(t.charAt(0)), t));
                }
            }
            int[] at = {0};
            Map<String, Object> root = map(lines, at, 0);
            if (at[0] < lines.size()) {
                throw new IllegalArgumentException("line " + lines.get(at[0]).number() + ": unexpected indentation");
            }
            return root;
        }

        private static Map<String, Object> map(List<Line> lines, int[] at, int indent) {
            Map<String, Object> out = new LinkedHashMap<>();
            while (at[0] < lines.size() && lines.get(at[0]).indent() == indent && !lines.get(at[0]).text().startsWith("-")) {
                Line line = lines.get(at[0]++);
                Matcher kv = Pattern.compile("([A-Za-z0-9_.\"'-]+):(?:\\s+(.*))?").matcher(line.text());
                if (!kv.matches()) {
                    throw new IllegalArgumentException("line " + line.number() + ": expected key: value");
                }
                Object value = null;
                if (kv.group(2) != null && !kv.group(2).startsWith("#")) {
                    value = scalar(kv.group(2));
                } else if (at[0] < lines.size() && lines.get(at[0]).text().startsWith("- ")
                        && lines.get(at[0]).indent() >= indent) {
                    value = list(lines, at, lines.get(at[0]).indent());
                } else if (at[0] < lines.size() && lines.get(at[0]).indent() > indent) {
                    value = map(lines, at, lines.get(at[0]).indent());
                }
                out.put(scalar(kv.group(1)).toString(), value);
            }
            return out;
        }

        private static List<String> list(List<Line> lines, int[] at, int indent) {
            List<String> out = new ArrayList<>();
            while (at[0] < lines.size() && lines.get(at[0]).indent() == indent && lines.get(at[0]).text().startsWith("- ")) {
                out.add(scalar(lines.get(at[0]++).text().substring(2).strip()).toString());
            }
            return out;
        }

        /** A quoted or plain scalar without its trailing comment; a flow collection stays as written. */
        private static Object scalar(String s) {
            if (s.startsWith("\"") || s.startsWith("'")) {
                char q = s.charAt(0);
                StringBuilder out = new StringBuilder();
                for (int i = 1; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (q == '"' && c == '\\' && i + 1 < s.length()) {
                        out.append(s.charAt(++i));
                    } else if (c == q && q == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        out.append(s.charAt(++i));
                    } else if (c == q) {
                        return out.toString();
                    } else {
                        out.append(c);
                    }
                }
                throw new IllegalArgumentException("unterminated quote: " + s);
            }
            int comment = s.indexOf(" #");
            return (comment < 0 ? s : s.substring(0, comment)).strip();
        }
    }

    // ---- small helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> from, String... path) {
        Object node = from;
        for (String key : path) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<String> list(Object node) {
        return node instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    static String text(Object node) {
        return node == null ? null : node.toString();
    }

    static Map<String, Object> jobcastEnvironment(Map<String, Object> compose) {
        return map(compose, "services", "jobcast", "environment");
    }

    /** A volume declared at the top level of the compose file is mounted at {@code target} in {@code service}. */
    static boolean namedVolumeAt(Map<String, Object> compose, String service, String target) {
        Map<String, Object> services = map(compose, "services");
        Object declared = compose.get("volumes");
        return list(map(services, service).get("volumes")).stream().map(v -> v.split(":"))
                .anyMatch(v -> v.length >= 2 && v[1].equals(target)
                        && declared instanceof Map<?, ?> d && d.containsKey(v[0]));
    }

    static Map<String, String> environment(List<Instruction> stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : stage) {
            if (i.is("ENV")) {
                Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(i.args());
                while (m.find()) {
                    env.put(m.group(1), m.group(2).replace("\"", ""));
                }
            }
        }
        return env;
    }

    static List<String> execForm(List<Instruction> stage, String keyword) {
        List<Instruction> found = stage.stream().filter(i -> i.is(keyword)).toList();
        if (found.isEmpty()) {
            return List.of();
        }
        try {
            JsonNode array = new ObjectMapper().readTree(found.get(found.size() - 1).args());
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return array.isArray() ? out : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The probes a health check may ask: liveness and readiness, as long as they stay public GETs. */
    static Set<String> probePaths() {
        return Set.of(Endpoint.HEALTH, Endpoint.READY).stream()
                .filter(e -> e.method().name().equals("GET") && e.access() == Access.PUBLIC)
                .map(e -> e.path().text()).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> subcommands() {
        return Arrays.stream(Main.class.getAnnotation(Command.class).subcommands())
                .map(c -> c.getAnnotation(Command.class).name()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
