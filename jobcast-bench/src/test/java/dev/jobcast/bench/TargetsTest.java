package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void oneTargetKeepsTheHost() {
        assertEquals(List.of(URI.create("ws://localhost:3000/socket.io/?EIO=4&transport=websocket")),
                Targets.webSocketUris(URI.create("http://localhost:3000"), "/socket.io/", 1));
        assertEquals(List.of(URI.create("wss://example.org:443/sio/?EIO=4&transport=websocket")),
                Targets.webSocketUris(URI.create("https://example.org:443"), "sio/", 1));
    }

    @Test
    void spreadsOverConsecutiveLoopbackAddresses() {
        assertEquals(List.of(URI.create("ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket"),
                        URI.create("ws://127.0.0.2:3000/socket.io/?EIO=4&transport=websocket"),
                        URI.create("ws://127.0.0.3:3000/socket.io/?EIO=4&transport=websocket")),
                Targets.webSocketUris(URI.create("http://127.0.0.1:3000"), "/socket.io/", 3));
    }

    @Test
    void neverSpreadsBeyondLoopback() {
        assertThrows(IllegalArgumentException.class,
                () -> Targets.webSocketUris(URI.create("http://10.0.0.1:3000"), "/socket.io/", 2));
        assertThrows(IllegalArgumentException.class,
                () -> Targets.webSocketUris(URI.create("http://localhost:3000"), "/socket.io/", 2));
        assertThrows(IllegalArgumentException.class,
                () -> Targets.webSocketUris(URI.create("http://127.0.0.250:3000"), "/socket.io/", 10));
        assertNull(Targets.loopbackOctets("128.0.0.1"));
        assertNull(Targets.loopbackOctets("127.0.0.256"));
        assertNull(Targets.loopbackOctets("127.0.0"));
    }

    @Test
    void sourceAddressesAreNoneOr127001Onwards() {
        URI server = URI.create("http://127.0.0.1:3000");
        assertEquals(List.of(), Targets.localAddresses(server, 1));
        assertEquals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"),
                Targets.localAddresses(server, 3).stream().map(InetAddress::getHostAddress).toList());
        assertEquals(254, Targets.localAddresses(server, 254).size());
        assertThrows(IllegalArgumentException.class, () -> Targets.localAddresses(server, 255));
        assertThrows(IllegalArgumentException.class, () -> Targets.localAddresses(server, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Targets.localAddresses(URI.create("http://10.0.0.1:3000"), 2), "loopback sources reach only loopback");
        assertThrows(IllegalArgumentException.class, () -> Targets.localAddresses(URI.create("http://localhost:3000"), 2));
    }

    @Test
    void needsAPortAndAKnownScheme() {
        assertThrows(IllegalArgumentException.class,
                () -> Targets.webSocketUris(URI.create("http://127.0.0.1"), "/socket.io/", 1));
        assertThrows(IllegalArgumentException.class,
                () -> Targets.webSocketUris(URI.create("ftp://127.0.0.1:21"), "/socket.io/", 1));
    }
}
