/**
 * RFC 6455 framing for both ends of a WebSocket: the server's transport and the load
 * generator's client share one tested codec. Plain Java on purpose (no Pekko, no other
 * jobcast package), so it is tested from the protocol document alone.
 */
package dev.jobcast.engineio.adapter.lean.ws;
