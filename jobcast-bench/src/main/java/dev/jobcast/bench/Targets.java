package dev.jobcast.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the generator connects to and from. One pair of loopback addresses has one range of
 * ephemeral ports per server port (about 28,000 on Linux). Spreading lifts that limit: the
 * nio connector binds its connections to 127.0.0.1..127.0.0.n in turn; java.net.http cannot
 * bind, so the jdk connector connects to 127.0.0.a..127.0.0.a+n-1 instead (a server
 * listening on 0.0.0.0 answers on all of them). Spreading is refused for any other host: it
 * would aim at other machines.
 */
public final class Targets {
    private Targets() {
    }

    /**
     * @param base   the server, e.g. http://127.0.0.1:3000
     * @param path   the Engine.IO path, e.g. /socket.io/
     * @param spread how many consecutive loopback addresses to use (1: just the given host)
     */
    public static List<URI> webSocketUris(URI base, String path, int spread) {
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

    /**
     * The local addresses to connect from: none for spread 1 (the system chooses), else
     * 127.0.0.1..127.0.0.spread. Each address has its own ephemeral ports towards the server,
     * which may listen on its one loopback address. Refused unless the server is on a
     * 127.x address too: a loopback source cannot reach anything else.
     */
    public static List<InetAddress> localAddresses(URI base, int spread) {
        if (spread < 1 || spread > 254) {
            throw new IllegalArgumentException("spread must be 1..254");
        }
        if (spread == 1) {
            return List.of();
        }
        if (base.getHost() == null || loopbackOctets(base.getHost()) == null) {
            throw new IllegalArgumentException("spreading needs a 127.x.y.z server address, not " + base.getHost());
        }
        List<InetAddress> out = new ArrayList<>(spread);
        for (int i = 1; i <= spread; i++) {
            try {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are an address", e);
            }
        }
        return out;
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
