package dev.jobcast.socketio.rooms;

/**
 * What the room registry sends to a connection: its broadcasts and its answers. One type,
 * so that a connection needs one message adapter for all of them, not one each.
 */
public sealed interface RoomReply permits RoomDelivery, RoomCommand.Joined, RoomCommand.RestoreResult {
}
