package dev.jobcast.api.dashboard;

import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard's HTTP side: the single-page app that the Maven build puts into the jar
 * (classpath folder {@value #RESOURCE_ROOT}, Vite's output), its dev session, and the
 * redirect of a browser that opens {@code /}. Everything else is rejected, so this route
 * goes before the API's sealed route in a concat and the API keeps every other path.
 */
public final class DashboardRoutes extends AllDirectives {
    /** Where the build puts the app inside the jar (web/vite.config.ts writes there). */
    public static final String RESOURCE_ROOT = "dashboard";
    /** The app's URL path; Vite builds it with the same base. */
    public static final String PATH = "/dashboard/";

    // index.html names the hashed assets of one build: browsers must ask again each time.
    private static final HttpHeader REVALIDATE = RawHeader.create("Cache-Control", "no-cache");
    // Vite puts a content hash in every file name under assets/: a name never changes content.
    private static final HttpHeader IMMUTABLE = RawHeader.create("Cache-Control", "public, max-age=31536000, immutable");

    private final ClassLoader files;
    private final String root;
    private final DevSessionRoute devSession;

    public DashboardRoutes(DevSessions sessions) {
        this(sessions, DashboardRoutes.class.getClassLoader(), RESOURCE_ROOT);
    }

    /** Serves the app found under {@code root} in {@code files} (tests pass their own). */
    public DashboardRoutes(DevSessions sessions, ClassLoader files, String root) {
        this.files = files;
        this.root = root;
        this.devSession = new DevSessionRoute(sessions);
    }

    /** True when this jar has the app in it (the build had Node.js). */
    public static boolean isBuilt() {
        return built(DashboardRoutes.class.getClassLoader(), RESOURCE_ROOT);
    }

    private static boolean built(ClassLoader files, String root) {
        return files.getResource(root + "/index.html") != null;
    }

    public Route route() {
        return concat(
                pathSingleSlash(() -> get(this::redirectBrowsers)),
                pathPrefix("dashboard", () -> extractUnmatchedPath(rest -> get(() -> dashboard(rest)))));
    }

    private Route dashboard(String rest) {
        if (rest.isEmpty() || rest.equals("/")) {
            return index();
        }
        // "/dashboardx" shares the prefix but is not ours.
        if (!rest.startsWith("/")) {
            return reject();
        }
        if (rest.equals("/dev-session")) {
            return devSession.route();
        }
        HttpHeader caching = rest.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
        // Rejects paths with ".." segments and files that are not there (the API then answers 404).
        return respondWithHeader(caching, () -> getFromResourceDirectory(root, files));
    }

    private Route index() {
        if (!built(files, root)) {
            return complete(notBuilt());
        }
        return respondWithHeader(REVALIDATE,
                () -> getFromResource(root + "/index.html", ContentTypes.TEXT_HTML_UTF8, files));
    }

    /** A browser asking for GET / goes to the dashboard; API clients get the API's JSON. */
    private Route redirectBrowsers() {
        return optionalHeaderValueByName("Accept", accept -> wantsDashboard(accept)
                ? redirect(Uri.create(PATH), StatusCodes.SEE_OTHER)
                : reject());
    }

    private boolean wantsDashboard(Optional<String> accept) {
        return built(files, root) && DashboardRequests.wantsHtml(accept.orElse(null));
    }

    /** Said plainly, because a jar built without Node.js still runs everything else. */
    private static HttpResponse notBuilt() {
        String page = "<!doctype html><meta charset=\"utf-8\"><title>jobcast: no dashboard</title>"
                + "<p>This jobcast jar has no dashboard: Node.js was missing when it was built. "
                + "Install Node.js 20 or later and build it again (<code>mvn package</code>). "
                + "The API at <a href=\"/\">/</a> works as usual.</p>";
        return HttpResponse.create().withStatus(StatusCodes.NOT_FOUND)
                .withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page));
    }
}
