package dev.jobcast.socketio.rooms;

import dev.jobcast.engineio.codec.EioPacket;
import java.util.List;

/**
 * A broadcast packet on its way to one connection: already encoded, and the same instance
 * for every recipient (encode once, share the frames).
 */
public record RoomDelivery(String nsp, List<EioPacket> frames, String conflationKey) {
}
