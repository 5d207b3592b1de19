package dev.jobcast.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebSocket URLs the generator connects to. One loopback address has one range of
 * ephemeral ports per server port (about 28,000 on Linux); spreading connections over
 * 127.0.0.a..127.0.0.a+n-1 (a server listening on 0.0.0.0 answers on all of them) lifts
 * that limit. Spreading is refused for any other host: it would aim at other machines.
 */
final class Targets {
    private Targets() {
    }

    /**
     * @param base   the server, e.g. http://127.0.0.1:3000
     * @param path   the Engine.IO path, e.g. /socket.io/
     * @param spread how many consecutive loopback addresses to use (1: just the given host)
     */
    static List<URI> webSocketUris(URI base, String path, int spread) {
        String scheme = switch (String.valueOf(base.getScheme())) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException("the URL must be http(s):// or ws(s)://: " + base);
        };
        if (base.getHost() == null || base.getPort() < 0) {
            throw new IllegalArgumentException("the URL needs a host and a port: " + base);
        }
        if (spread < 1) {
            throw new IllegalArgumentException("spread must be >= 1");
        }
        String p = path.startsWith("/") ? path : "/" + path;
        List<String> hosts = new ArrayList<>();
        if (spread == 1) {
            hosts.add(base.getHost());
        } else {
            int[] octets = loopbackOctets(base.getHost());
            if (octets == null) {
                throw new IllegalArgumentException("spreading needs a 127.x.y.z address, not " + base.getHost());
            }
            if (octets[3] + spread - 1 > 254) {
                throw new IllegalArgumentException("spread runs past 127." + octets[1] + "." + octets[2] + ".254");
            }
            for (int i = 0; i < spread; i++) {
                hosts.add("127." + octets[1] + "." + octets[2] + "." + (octets[3] + i));
            }
        }
        List<URI> uris = new ArrayList<>(hosts.size());
        for (String host : hosts) {
            uris.add(URI.create(scheme + "://" + host + ":" + base.getPort() + p + "?EIO=4&transport=websocket"));
        }
        return uris;
    }

    /** The four octets of a dotted IPv4 literal in 127.0.0.0/8, or null. */
    static int[] loopbackOctets(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            octets[i] = Integer.parseInt(parts[i]);
            if (octets[i] > 255) {
                return null;
            }
        }
        return octets[0] == 127 ? octets : null;
    }
}
