package dev.jobcast.socketio.rooms;

import dev.jobcast.engineio.codec.EioPacket;
import java.util.List;

/**
 * A broadcast packet on its way to one connection: already encoded, and the same instance
 * for every recipient (encode once, share the frames). {@code streamKey} and {@code order}
 * (null and -1 when unused) let a socket drop what it already has of an ordered stream;
 * {@code packetSeq} is the packet's number in the recovery store (-1 when not stored: recovery
 * off, or an item of an ordered stream). With recovery on, the frames carry no offset: each
 * socket appends its own.
 */
public record RoomDelivery(String nsp, List<EioPacket> frames, String conflationKey, String streamKey, long order,
                           long packetSeq) implements RoomReply {
}
