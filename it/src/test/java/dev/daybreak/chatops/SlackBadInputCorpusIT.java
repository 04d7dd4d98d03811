package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.http.HttpEndpoints;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Slack part of the bad-input corpus, {@code src/test/resources/bad-inputs/slack/}: one {@code
 * .slack} file a request, each with an {@code .expected} sidecar. Every request is signed here as
 * Slack signs (unless the case says otherwise) and sent over real HTTP to {@code /slack/events} on
 * the controller's embedded server. For every case: the exact HTTP status and reply (401 for the
 * security cases; else the reply's class and a message naming what was wrong and what is valid),
 * nothing raw from the request that Slack would render as a mention, link or code break, the store
 * unchanged item for item, no reconcile triggered, and afterwards another environment still answers
 * {@code status} and still wakes.
 *
 * <h2>Case files</h2>
 *
 * {@code key: value} lines ({@code #} starts a comment); values may spell characters as {@code
 * \}{@code uXXXX}:
 *
 * <ul>
 *   <li>{@code text} the slash command's text; {@code user} / {@code user_name} override the caller
 *       (default: the allowed user {@value #ALLOWED});
 *   <li>{@code payload} an interactive payload (sent as the {@code payload} form field); {@code
 *       body} a raw body sent as is instead of a built form; {@code append} raw bytes appended to
 *       the built form; {@code pad} that many bytes of padding appended as a form field;
 *   <li>{@code content-type} (default {@code application/x-www-form-urlencoded}; {@code none} sends
 *       none); {@code signature}: {@code valid} (default), {@code forged} (another secret), {@code
 *       missing}; {@code timestamp}: an offset from now such as {@code -6m}, {@code missing} or any
 *       other text sent as is; {@code send}: how often the same signed request is sent.
 * </ul>
 *
 * <h2>Sidecars</h2>
 *
 * {@code status: N}; {@code reply: none | ack | follow-up} (where the answer is: the HTTP response
 * body or the message posted to the {@code response_url}); {@code class: usage | refused |
 * unauthorized | bad-request}; {@code message: fragment} (each must appear); {@code absent:
 * fragment} (none may appear anywhere in what daybreak answered).
 */
class SlackBadInputCorpusIT {

  private static final Path CORPUS =
      Path.of(System.getProperty("daybreak.root", ".."))
          .resolve("it/src/test/resources/bad-inputs/slack");

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String FORGED_SECRET = "00000000000000000000000000000000";
  private static final String ALLOWED = "U0ALLOWED1";
  private static final Duration FOLLOW_UP_WAIT = Duration.ofSeconds(10);

  private static final String MANIFESTS =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: seed
      spec:
        cluster: dev
        access:
          slack:
            users: [U0ALLOWED1]
          maxWake: 8h
        services:
          - name: a
            replicas: 1
          - name: b
            replicas: 3
            dependsOn: [a]
          - name: c
            replicas: 1
            dependsOn: [b]
      ---
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: other
      spec:
        cluster: ok
        access:
          slack:
            users: [U0ALLOWED1]
        services:
          - name: web
            replicas: 1
      """;

  private static final Clock CLOCK = Clock.systemUTC();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, BlockingQueue<String>> FOLLOW_UPS = new LinkedHashMap<>();
  private static HttpServer responseUrls;

  @BeforeAll
  static void startResponseUrls() throws IOException {
    FOLLOW_UPS.put("case", new LinkedBlockingQueue<>());
    FOLLOW_UPS.put("health", new LinkedBlockingQueue<>());
    responseUrls = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FOLLOW_UPS.forEach(
        (name, queue) ->
            responseUrls.createContext(
                "/respond/" + name,
                exchange -> {
                  try (exchange) {
                    queue.add(
                        new String(
                            exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(200, -1);
                  }
                }));
    responseUrls.start();
  }

  @AfterAll
  static void stopResponseUrls() {
    responseUrls.stop(0);
  }

  @TestFactory
  Stream<DynamicTest> slackRequests_areRefusedOrAnsweredNamingTheMistake_withNothingWritten()
      throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(CORPUS)) {
      s.filter(p -> p.toString().endsWith(".slack")).sorted().forEach(files::add);
    }
    assertThat(files).as("Slack cases in %s", CORPUS).hasSizeGreaterThanOrEqualTo(15);
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
  }

  private static void run(Path file) throws Exception {
    Case request = Case.read(file);
    Map<String, List<String>> expected = sidecar(file);
    FOLLOW_UPS.values().forEach(BlockingQueue::clear);
    try (Controller controller = new Controller()) {
      Signed signed = request.sign(now());
      for (int i = 1; i < request.sends(); i++) {
        // The first sends of a replayed request are genuine: served, answered, written.
        assertThat(controller.post(signed).statusCode()).as("send %d", i).isEqualTo(200);
        followUp("case");
        controller.triggered.clear();
      }
      var before = controller.store.scanByHand();

      HttpResponse<String> response = controller.post(signed);

      assertThat(response.statusCode())
          .as("%s: HTTP status; body %s", file.getFileName(), response.body())
          .isEqualTo(Integer.parseInt(one(expected, "status")));
      String where = one(expected, "reply");
      String answer =
          switch (where) {
            case "none" -> response.body();
            case "ack" -> text(response.body());
            case "follow-up" -> followUp("case");
            default -> throw new IllegalArgumentException(file + ": reply: " + where);
          };
      List<String> everything = new ArrayList<>(List.of(response.body(), answer));
      assertClass(file, one(expected, "class"), answer);
      for (String fragment : expected.getOrDefault("message", List.of())) {
        assertThat(answer).as("%s: the answer", file.getFileName()).contains(unescape(fragment));
      }
      assertThat(controller.store.scanByHand()).as("the store, item for item").isEqualTo(before);
      assertThat(controller.triggered).as("reconciles triggered").isEmpty();

      controller.assertStillServesAnotherEnvironment();

      everything.addAll(FOLLOW_UPS.get("case"));
      for (String fragment : expected.getOrDefault("absent", List.of())) {
        assertThat(everything)
            .as("%s: nothing daybreak answered contains %s", file.getFileName(), fragment)
            .noneMatch(s -> s.contains(unescape(fragment)));
      }
      assertThat(everything)
          .as("%s: no control characters in what daybreak answered", file.getFileName())
          .noneMatch(s -> s.chars().anyMatch(c -> c < 0x20 && c != '\n'));
    }
  }

  private static void assertClass(Path file, String kind, String answer) {
    var that = assertThat(answer).as("%s: a %s answer", file.getFileName(), kind);
    switch (kind) {
      case "usage" -> that.startsWith(":warning: ").endsWith(CommandParser.USAGE);
      case "refused" -> that.startsWith(":no_entry: ");
      case "unauthorized" -> that.isEqualTo("unauthorized\n");
      case "bad-request" -> that.startsWith("bad request: ");
      default -> throw new IllegalArgumentException(file + ": class: " + kind);
    }
  }

  /** The controller's chat-ops over HTTP on a fresh in-memory store holding both environments. */
  private static final class Controller implements AutoCloseable {
    final InMemoryStateStore store = new InMemoryStateStore(CLOCK);
    final ConcurrentLinkedQueue<String> triggered = new ConcurrentLinkedQueue<>();
    final ChatOps chatOps;
    final HttpEndpoints endpoints;

    Controller() throws IOException {
      Manifests.parse("corpus.yaml", MANIFESTS).forEach(store::applySpec);
      store.writeDesired(
          "seed", DesiredState.of(State.ASLEEP, "tester", "corpus", CLOCK.instant()), 0, Via.CLI);
      chatOps =
          new ChatOps(
              new Commands(
                  store,
                  new ChatOpsSettings(java.time.ZoneOffset.UTC, List.of(), List.of()),
                  CLOCK,
                  triggered::add));
      endpoints = HttpEndpoints.start("127.0.0.1", 0);
      endpoints.mount(
          SlackApp.PATH,
          new SlackHttpHandler(
              SlackApp.endpoint(
                  new SigningSecret(SECRET), chatOps, CLOCK, RequestGuard.DEFAULT_MAX_BODY_BYTES)));
    }

    HttpResponse<String> post(Signed signed) throws IOException, InterruptedException {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + SlackApp.PATH))
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
      signed.headers().forEach(request::header);
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code status other} answers, and {@code wake other} writes and reconciles. */
    void assertStillServesAnotherEnvironment() throws Exception {
      HttpResponse<String> status =
          post(Case.command(ALLOWED, "alice", "status other", "health").sign(now()));
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(followUp("health")).contains("`other`");

      HttpResponse<String> wake =
          post(Case.command(ALLOWED, "alice", "wake other for 1h", "health").sign(now()));
      assertThat(wake.statusCode()).isEqualTo(200);
      assertThat(followUp("health")).contains("woke `other`");
      assertThat(triggered).containsExactly("other");
      EcsSimulator ecs = new EcsSimulator(SimSettings.builder().build(), CLOCK);
      ecs.provision("ok", List.of("web"));
      EnvironmentReconciler.builder(
              store,
              new SimEcsGateway(ecs, GatewaySettings.defaults(), d -> {}),
              new LogNotifier(),
              CLOCK)
          .build()
          .reconcile("other");
      assertThat(ecs.calls())
          .filteredOn(c -> c.op().equals("UpdateService") && c.outcome().equals(CallRecord.OK))
          .extracting(c -> c.cluster().orElse("") + "/" + c.services().get(0))
          .containsExactly("ok/web");
    }

    @Override
    public void close() {
      endpoints.close();
      chatOps.close();
    }
  }

  private static long now() {
    return CLOCK.instant().getEpochSecond();
  }

  /** The text of the next message posted to {@code /respond/<name>}. */
  private static String followUp(String name) throws InterruptedException {
    String json = FOLLOW_UPS.get(name).poll(FOLLOW_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(json).as("a follow-up posted to /respond/%s", name).isNotNull();
    return text(json);
  }

  private static String text(String json) {
    return JsonParser.parseString(json).getAsJsonObject().get("text").getAsString();
  }

  /** A request as sent: body bytes and headers. */
  private record Signed(byte[] body, Map<String, String> headers) {}

  /** One case file, read. */
  private record Case(Map<String, String> fields) {

    static Case read(Path file) throws IOException {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(": ");
        if (colon < 0) {
          throw new IllegalArgumentException(file + ": expected 'key: value', got " + line);
        }
        fields.put(line.substring(0, colon), unescape(line.substring(colon + 2)));
      }
      return new Case(fields);
    }

    static Case command(String user, String userName, String text, String respondTo) {
      return new Case(
          Map.of("text", text, "user", user, "user_name", userName, "respond", respondTo));
    }

    int sends() {
      return Integer.parseInt(fields.getOrDefault("send", "1"));
    }

    Signed sign(long now) {
      byte[] body = body().getBytes(StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      String contentType = fields.getOrDefault("content-type", "application/x-www-form-urlencoded");
      if (!contentType.equals("none")) {
        headers.put("Content-Type", contentType);
      }
      String timestamp = timestamp(now);
      if (!timestamp.equals("missing")) {
        headers.put("X-Slack-Request-Timestamp", timestamp);
      }
      String signature = fields.getOrDefault("signature", "valid");
      switch (signature) {
        case "valid" -> headers.put("X-Slack-Signature", hmac(SECRET, timestamp, body));
        case "forged" -> headers.put("X-Slack-Signature", hmac(FORGED_SECRET, timestamp, body));
        case "missing" -> {}
        default -> throw new IllegalArgumentException("signature: " + signature);
      }
      return new Signed(body, headers);
    }

    private String timestamp(long now) {
      String t = fields.getOrDefault("timestamp", "+0s");
      if (t.matches("[+-]\\d+[sm]")) {
        long amount = Long.parseLong(t.substring(1, t.length() - 1));
        long seconds = t.endsWith("m") ? amount * 60 : amount;
        return Long.toString(t.startsWith("-") ? now - seconds : now + seconds);
      }
      return t;
    }

    private String body() {
      if (fields.containsKey("body")) {
        return fields.get("body");
      }
      String respond = responseUrl(fields.getOrDefault("respond", "case"));
      String built;
      if (fields.containsKey("payload")) {
        built = form("payload", fields.get("payload").replace("$RESPONSE_URL", respond));
      } else {
        built =
            form(
                "token", "legacy-verification-token",
                "team_id", "T0TEAM0001",
                "team_domain", "example",
                "channel_id", "C0GENERAL1",
                "channel_name", "general",
                "user_id", fields.getOrDefault("user", ALLOWED),
                "user_name", fields.getOrDefault("user_name", "alice"),
                "command", "/daybreak",
                "text", fields.getOrDefault("text", ""),
                "api_app_id", "A0APP00001",
                "response_url", respond,
                "trigger_id", "1.2.3");
      }
      if (fields.containsKey("pad")) {
        built += "&padding=" + "x".repeat(Integer.parseInt(fields.get("pad")));
      }
      return built + fields.getOrDefault("append", "");
    }
  }

  private static String responseUrl(String name) {
    return "http://127.0.0.1:" + responseUrls.getAddress().getPort() + "/respond/" + name;
  }

  private static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  private static String hmac(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code \}{@code uXXXX} escapes spelled out, so invisible characters stay visible in files. */
  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 6 <= value.length() && value.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(value.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Map<String, List<String>> sidecar(Path file) throws IOException {
    Path path = Path.of(file + ".expected");
    assertThat(path).as("expectations of %s", file.getFileName()).exists();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      int colon = line.indexOf(": ");
      if (line.isBlank() || line.startsWith("#") || colon < 0) {
        continue;
      }
      out.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
          .add(line.substring(colon + 2));
    }
    for (String required : List.of("status", "reply", "class")) {
      assertThat(out).as("%s names its %s", path.getFileName(), required).containsKey(required);
    }
    if (!one(out, "class").equals("unauthorized")) {
      assertThat(out).as("%s names a message", path.getFileName()).containsKey("message");
    }
    return out;
  }

  private static String one(Map<String, List<String>> expected, String key) {
    return expected.get(key).get(0);
  }
}
