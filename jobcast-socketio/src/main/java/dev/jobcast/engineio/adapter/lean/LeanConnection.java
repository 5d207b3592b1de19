package dev.jobcast.engineio.adapter.lean;

import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineCommand;
import dev.jobcast.engineio.EngineError;
import dev.jobcast.engineio.EngineRequest;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.adapter.lean.http.RequestHead;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.io.Tcp;
import org.apache.pekko.io.TcpMessage;
import org.apache.pekko.util.ByteString;

/**
 * One TCP connection of the lean listener (Pekko IO in pull mode: it reads only when it
 * asks, one chunk at a time, so it never holds more of the client's bytes than a chunk
 * and a head). It reads request heads, serves Engine.IO long-polling and the WebSocket
 * upgrade itself, and hands a request for any other path, bytes and all, to Pekko HTTP.
 * The protocol lives in the session actor; this actor owns only the socket.
 */
final class LeanConnection extends AbstractActorWithTimers implements Consumer<ByteString> {

    private enum Timer { REQUEST, POLL, LINGER }

    /**
     * How long a closed connection keeps reading (and dropping) what the client still sends
     * before it is cut: closing with unread bytes would make the kernel answer with a reset,
     * which can destroy the last response or close frame before the client reads it.
     */
    static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);

    /** Acknowledges a write to the socket; at most one is ever in flight (LeanWrites). */
    private enum Written implements Tcp.Event { ACK }

    private final ActorRef tcp;
    private final InetSocketAddress remote;
    private final LeanSetup setup;
    private final org.apache.pekko.actor.typed.ActorRef<Object> typedSelf;
    private final ActorRef self;
    /** Null once the connection is a WebSocket or Pekko HTTP's: it reads no more requests. */
    private LeanInbox inbox;
    private final LeanWrites writes;
    private boolean reading;
    private boolean closing;
    private boolean lingering;

    // The polling exchange under way.
    private RequestHead head;
    private String origin;
    private LeanSetup.Endpoint endpoint;
    private org.apache.pekko.actor.typed.ActorRef<EngineCommand> session;
    private LeanWebSocket webSocket;
    private LeanHandOff handOff;

    static Props props(ActorRef tcp, InetSocketAddress remote, LeanSetup setup) {
        return Props.create(LeanConnection.class, () -> new LeanConnection(tcp, remote, setup));
    }

    private LeanConnection(ActorRef tcp, InetSocketAddress remote, LeanSetup setup) {
        this.tcp = tcp;
        this.remote = remote;
        this.setup = setup;
        this.inbox = new LeanInbox(setup.maxHeadBytes(), setup.maxHeaderFields());
        this.self = getSelf();
        this.typedSelf = Adapter.toTyped(self);
        this.writes = new LeanWrites(this);
    }

    @Override
    public void preStart() {
        tcp.tell(TcpMessage.register(self, false, false), self);
        getContext().watch(tcp);
        awaitRequest();
    }

    @Override
    public void postStop() {
        if (webSocket != null) {
            webSocket.connectionGone();
        }
        if (handOff != null) {
            handOff.stopped();
        }
        if (!closing) {
            tcp.tell(TcpMessage.abort(), self);
        }
    }

    // One case per actor, not one per message type: a receive builder's cases are allocated
    // for every connection, and a server holds tens of thousands of them.
    @Override
    public Receive createReceive() {
        return receiveBuilder().matchAny(this::onMessage).build();
    }

    private void onMessage(Object m) {
        if (m instanceof Tcp.Received r) {
            reading = false;
            onBytes(r.data());
        } else if (m == Written.ACK) {
            onWritten();
        } else if (m instanceof EngineCommand.WsOut out) {
            if (webSocket != null) {
                webSocket.onSessionOutput(out);
            }
        } else if (m == EngineCommand.WsAck.ACK) {
            if (webSocket != null) {
                webSocket.onSessionAck();
            }
        } else if (m instanceof PollReply reply) {
            onPollReply(reply);
        } else if (m instanceof Timer timer) {
            switch (timer) {
                case REQUEST -> onRequestTimeout();
                case POLL -> respondAndClose(EngineError.UNKNOWN_SID);
                case LINGER -> tcp.tell(TcpMessage.abort(), self);
                default -> {
                }
            }
        } else if (m instanceof Tcp.ConnectionClosed) {
            closing = true;
            if (webSocket != null) {
                webSocket.connectionGone();
                webSocket = null;
            }
            getContext().stop(self);
        } else if (m instanceof Tcp.CommandFailed || m instanceof Terminated) {
            getContext().stop(self);
        } else if (handOff != null) {
            handOff.onMessage(m, getSender());
        }
    }

    void resumeReading() {
        if (!reading && (!closing || lingering)) {
            reading = true;
            tcp.tell(TcpMessage.resumeReading(), self);
        }
    }

    private void onBytes(ByteString data) {
        if (lingering) {
            resumeReading(); // read to the client's end, dropping it
        } else if (handOff != null) {
            handOff.onBytes(data);
        } else if (webSocket != null) {
            webSocket.onBytes(data);
        } else {
            inbox.add(data);
            if (head == null) {
                parseHead();
            } else {
                readBody();
            }
        }
    }

    /** Waits for the next request: its head, within the request timeout. */
    private void awaitRequest() {
        head = null;
        origin = null;
        session = null;
        inbox.nextRequest();
        getTimers().startSingleTimer(Timer.REQUEST, Timer.REQUEST, setup.requestTimeout());
        if (inbox.isEmpty()) {
            resumeReading();
        } else {
            parseHead();
        }
    }

    private void parseHead() {
        LeanInbox.Head result = inbox.parseHead();
        if (result instanceof LeanInbox.Head.Bad bad) {
            getTimers().cancel(Timer.REQUEST);
            String path = inbox.rawPath();
            if (path != null && setup.endpointFor(path) != null) {
                writeThenClose(LeanResponses.plainError(bad.status(), bad.reason()));
            } else {
                // Not ours to be strict about: the API accepts what Pekko HTTP accepts (a chunked
                // body, say), and answers what it refuses in its own way.
                startHandOff(bad.received());
            }
        } else if (result instanceof LeanInbox.Head.Parsed parsed) {
            getTimers().cancel(Timer.REQUEST);
            onHead(parsed.head(), parsed.request(), parsed.headLength());
        } else {
            resumeReading();
        }
    }

    private void onRequestTimeout() {
        if (head == null && (inbox == null || inbox.isEmpty())) {
            close(); // an idle keep-alive connection, or one that never sent a byte
        } else {
            writeThenClose(LeanResponses.plainError(408, "the request did not arrive in time"));
        }
    }

    /** @param headLength how many of {@code requestBytes} the head takes */
    private void onHead(RequestHead h, ByteString requestBytes, int headLength) {
        endpoint = setup.endpointFor(h.path());
        if (endpoint == null) {
            startHandOff(requestBytes);
            return;
        }
        head = h;
        origin = h.header("Origin").orElse(null);
        EngineServer engine = endpoint.engine();
        EngineRequest request = EngineRequest.decide(engine.config(), endpoint.origins(), h.method(), h.query(),
                origin, h.isWebSocketUpgrade());
        if (request instanceof EngineRequest.Reject r) {
            String echo = endpoint.origins().allows(origin) ? origin : null; // never a refused one
            respond(LeanResponses.error(r.error(), echo, closesAfter(h)));
        } else if (request instanceof EngineRequest.Preflight) {
            respond(LeanResponses.preflight(origin, h.header("Access-Control-Request-Headers").orElse(null),
                    closesAfter(h)));
        } else if (request instanceof EngineRequest.OpenPolling) {
            session = engine.openSession(
                    handshake(requestBytes, headLength, "polling"), -1);
            poll();
        } else if (request instanceof EngineRequest.Poll p) {
            withSession(p.sid(), this::poll);
        } else if (request instanceof EngineRequest.Post p) {
            withSession(p.sid(), this::startBody);
        } else if (request instanceof EngineRequest.OpenWebSocket) {
            String problem = LeanWebSocket.problemWith(h);
            if (problem != null) {
                respond(LeanResponses.badUpgrade(problem));
                return;
            }
            int gen = EngineServer.nextStreamGeneration();
            startWebSocket(engine.openSession(handshake(requestBytes, headLength, "websocket"), gen), gen, false);
        } else if (request instanceof EngineRequest.UpgradeWebSocket u) {
            String problem = LeanWebSocket.problemWith(h);
            if (problem != null) {
                respond(LeanResponses.badUpgrade(problem));
                return;
            }
            withSession(u.sid(), () -> startWebSocket(session, EngineServer.nextStreamGeneration(), true));
        }
    }

    private dev.jobcast.engineio.HandshakeRequest handshake(ByteString requestBytes, int headLength, String transport) {
        return LeanResponses.handshake(requestBytes.take(headLength).toArray(), transport, remote, setup.maxHeadBytes(),
                setup.maxHeaderFields());
    }

    /** From here on, Pekko HTTP serves this connection, starting with {@code received}. */
    private void startHandOff(ByteString received) {
        inbox = null; // Pekko HTTP reads the connection from here, starting with received
        handOff = new LeanHandOff(this, self, remote, setup);
        handOff.start(received);
    }

    /** A request whose body we will not read cannot be followed by another on this connection. */
    private static boolean closesAfter(RequestHead h) {
        return !h.keepAlive() || h.contentLength() > 0;
    }

    private void withSession(String sid, Runnable then) {
        var found = endpoint.engine().sessions().find(sid);
        if (found.isEmpty()) {
            respond(LeanResponses.error(EngineError.UNKNOWN_SID, origin, closesAfter(head)));
        } else {
            session = found.get();
            then.run();
        }
    }

    private void poll() {
        session.tell(new EngineCommand.PollGet(typedSelf()));
        getTimers().startSingleTimer(Timer.POLL, Timer.POLL, endpoint.pollTimeout());
    }

    private void startBody() {
        long length = head.contentLength();
        if (length > endpoint.engine().config().maxPayload()) {
            // The protocol closes a session whose client sends more than maxPayload.
            session.tell(new EngineCommand.Close(dev.jobcast.engineio.CloseReasons.TRANSPORT_ERROR, false));
            respond(LeanResponses.error(EngineError.PAYLOAD_TOO_LARGE, origin, true));
            return;
        }
        getTimers().startSingleTimer(Timer.REQUEST, Timer.REQUEST, setup.requestTimeout());
        readBody();
    }

    private void readBody() {
        ByteString body = inbox.takeBody((int) head.contentLength());
        if (body == null) {
            resumeReading();
            return;
        }
        getTimers().cancel(Timer.REQUEST);
        var packets = LeanResponses.decodePayload(body);
        if (packets == null) {
            session.tell(new EngineCommand.Close(dev.jobcast.engineio.CloseReasons.PARSE_ERROR, false));
            respond(LeanResponses.error(EngineError.BAD_REQUEST, origin, !head.keepAlive()));
            return;
        }
        session.tell(new EngineCommand.PollPost(packets, typedSelf()));
        getTimers().startSingleTimer(Timer.POLL, Timer.POLL, endpoint.pollTimeout());
    }

    private void onPollReply(PollReply reply) {
        if (head == null || !getTimers().isTimerActive(Timer.POLL)) {
            return; // the answer to a request already given up on
        }
        getTimers().cancel(Timer.POLL);
        respond(LeanResponses.pollReply(reply, origin, !head.keepAlive()));
    }

    private void respondAndClose(EngineError error) {
        writeThenClose(LeanResponses.error(error, origin, true).bytes());
    }

    /** Writes an answer, then reads the next request on this connection or closes it. */
    private void respond(LeanResponses.Response response) {
        if (response.close()) {
            writeThenClose(response.bytes());
        } else {
            write(response.bytes(), this::awaitRequest);
        }
    }

    private void startWebSocket(org.apache.pekko.actor.typed.ActorRef<EngineCommand> target, int gen, boolean upgrade) {
        webSocket = new LeanWebSocket(this, target, gen, endpoint.engine().config().maxPayload());
        write(LeanResponses.switchingProtocols(head), null);
        ByteString rest = inbox.takeAll();
        inbox = null;
        // Nothing of the HTTP exchange is needed any more: a server holds many idle WebSockets.
        head = null;
        origin = null;
        webSocket.open(upgrade);
        webSocket.onBytes(rest);
    }

    /** This actor as a typed reference (one instance, not one per message sent). */
    @SuppressWarnings("unchecked")
    <T> org.apache.pekko.actor.typed.ActorRef<T> typedSelf() {
        return (org.apache.pekko.actor.typed.ActorRef<T>) (org.apache.pekko.actor.typed.ActorRef<?>) typedSelf;
    }

    /** LeanWrites' way to the socket (this actor, rather than one more object per connection). */
    @Override
    public void accept(ByteString bytes) {
        tcp.tell(TcpMessage.write(bytes, Written.ACK), self);
    }

    boolean isWriting() {
        return writes.inFlight();
    }

    /** Writes {@code bytes}; {@code then} runs once they are handed to the kernel. One write at a time. */
    void write(ByteString bytes, Runnable then) {
        writes.write(bytes, then);
    }

    private void onWritten() {
        writes.written();
        if (!writes.inFlight() && webSocket != null) {
            webSocket.onWritable();
        }
    }

    /** Writes {@code bytes} after whatever is being written, then closes. */
    void writeThenClose(ByteString bytes) {
        writes.writeLast(bytes, this::close);
    }

    /**
     * Closes after what is written has gone out (Pekko IO flushes pending writes first): our
     * side first (FIN), then whatever the client still sends is read and dropped until it
     * closes its side too, or {@link #LINGER} has passed.
     */
    void close() {
        if (!closing) {
            closing = true;
            lingering = true;
            tcp.tell(TcpMessage.confirmedClose(), self);
            getTimers().cancel(Timer.REQUEST);
            getTimers().cancel(Timer.POLL);
            getTimers().startSingleTimer(Timer.LINGER, Timer.LINGER, LINGER);
            resumeReading();
        }
    }

    void abort() {
        if (!closing) {
            closing = true;
            tcp.tell(TcpMessage.abort(), self);
        }
    }
}
