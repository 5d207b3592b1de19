package dev.jobcast.engineio.port;

import java.util.Arrays;
import java.util.Locale;

/** Who serves the service's port: jobcast's lean Socket.IO transport, or Pekko HTTP alone. */
public enum HttpTransport {
    LEAN("lean"),
    PEKKO_HTTP("pekko-http");

    private final String setting;

    HttpTransport(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    public static HttpTransport parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.setting.equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("http.transport must be \"lean\" or \"pekko-http\", not \""
                        + value + "\""));
    }
}
