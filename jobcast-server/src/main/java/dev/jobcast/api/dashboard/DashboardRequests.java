package dev.jobcast.api.dashboard;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;

/** What the dashboard's routes read from a request: who asks, and what for. */
public final class DashboardRequests {
    private DashboardRequests() {
    }

    /**
     * True when an Accept header names text/html (or XHTML) explicitly, with a weight above
     * zero and at least that of an explicit application/json. Browsers navigating to a page
     * send such a header; curl, fetch() and HTTP libraries send {@code *}{@code /*} or
     * application/json, so GET / keeps answering them with the API's JSON. Wildcards count
     * for neither side.
     */
    public static boolean wantsHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = weight(parts);
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html >= json;
    }

    /**
     * True when the request came over a connection from this machine. It reads the
     * connection's own peer address (Pekko's remote-address attribute), never
     * X-Forwarded-For, which any client can write; no attribute means no.
     */
    public static boolean fromThisMachine(HttpRequest request) {
        Optional<RemoteAddress> remote = request.getAttribute(AttributeKeys.remoteAddress);
        return remote.flatMap(RemoteAddress::getAddress).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** The q parameter of one media range: 1 when absent, 0 when unreadable (a broken range asks for nothing). */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() > 2 && p.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    double q = Double.parseDouble(p.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
