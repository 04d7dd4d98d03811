package dev.daybreak.chatops;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's end of a Socket Mode connection, on 127.0.0.1: greets each client with {@code hello} as
 * Slack does and keeps what clients send (acks) for the test to read. Shared by the unit tests and
 * the end-to-end tests (through the controller's test-jar).
 */
public final class LoopbackSocket extends WebSocketServer implements AutoCloseable {

  private final CountDownLatch started = new CountDownLatch(1);
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private volatile WebSocket client;
  private volatile Exception error;

  private LoopbackSocket() {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
  }

  /** A started server on a free port. */
  public static LoopbackSocket open() throws InterruptedException {
    LoopbackSocket socket = new LoopbackSocket();
    socket.awaitStarted();
    return socket;
  }

  private void awaitStarted() throws InterruptedException {
    start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the loopback WebSocket server did not start in 10 s");
    }
  }

  /** The connected client, once one has said hello back by connecting. */
  public Optional<WebSocket> client() {
    return Optional.ofNullable(client);
  }

  /** The next message a client sent, if any has arrived. */
  public Optional<JsonObject> next() {
    if (error != null) {
      throw new IllegalStateException("the loopback WebSocket failed", error);
    }
    return Optional.ofNullable(received.poll())
        .map(message -> JsonParser.parseString(message).getAsJsonObject());
  }

  @Override
  public void onOpen(WebSocket connection, ClientHandshake handshake) {
    connection.send(
        "{\"type\":\"hello\",\"num_connections\":1,"
            + "\"debug_info\":{\"host\":\"loopback\",\"approximate_connection_time\":3600},"
            + "\"connection_info\":{\"app_id\":\"A0APP00001\"}}");
    client = connection;
  }

  @Override
  public void onMessage(WebSocket connection, String message) {
    received.add(message);
  }

  @Override
  public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    if (connection == client) {
      client = null;
    }
  }

  @Override
  public void onError(WebSocket connection, Exception e) {
    error = e;
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public void close() throws InterruptedException {
    stop(1_000);
  }

  /** A {@code slash_commands} envelope as Slack sends it over the socket. */
  public static String slashCommand(
      String envelopeId, String channel, String user, String text, String responseUrl) {
    JsonObject payload = new JsonObject();
    payload.addProperty("team_id", "T0TEAM0001");
    payload.addProperty("team_domain", "example");
    payload.addProperty("channel_id", channel);
    payload.addProperty("user_id", user);
    payload.addProperty("user_name", "alice");
    payload.addProperty("command", "/daybreak");
    payload.addProperty("text", text);
    payload.addProperty("api_app_id", "A0APP00001");
    payload.addProperty("response_url", responseUrl);
    payload.addProperty("trigger_id", "1.2.3");
    JsonObject envelope = new JsonObject();
    envelope.addProperty("envelope_id", envelopeId);
    envelope.add("payload", payload);
    envelope.addProperty("type", "slash_commands");
    envelope.addProperty("accepts_response_payload", true);
    return envelope.toString();
  }
}
