package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.HandshakeRequest;

/** What a connect middleware decides on: the namespace, the CONNECT auth payload, the HTTP handshake. */
public record ConnectRequest(String namespace, JsonNode auth, HandshakeRequest handshake) {
}
