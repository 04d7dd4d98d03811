package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.daybreak.http.HttpEndpoints;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.State;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.TableSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /daybreak wake|sleep -l SELECTOR} over real signed HTTP requests into the chat-ops
 * endpoint, against dynalite: every match the caller may change is written, the others are named as
 * refused, and a selector that matches nothing gets an ephemeral reply and writes nothing.
 */
@ExtendWith(DynaliteExtension.class)
class SlackSelectorsIT {

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String SHOP_OWNER = "U0SHOPOWN1";
  private static final String CHANNEL = "C0GENERAL1";
  private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newHttpClient();
  private final BlockingQueue<String> followUps = new LinkedBlockingQueue<>();
  private StateStore store;
  private HttpEndpoints endpoints;
  private HttpServer responseUrls;
  private ChatOps chatOps;

  private static String manifest(String name, String labels, String owner) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: %s
          labels: %s
        spec:
          cluster: dev
          access:
            slack:
              users: [%s]
          services:
            - name: a
              replicas: 1
        """
        .formatted(name, labels, owner);
  }

  @BeforeEach
  void start(Dynalite dynalite) throws IOException {
    String table = "daybreak-" + UUID.randomUUID();
    var client = dynalite.newClient();
    new TableSetup(client).ensureTable(table);
    store = new DynamoDbStateStore(client, table, clock);
    Manifests.parse("a.yaml", manifest("shop-dev", "{team: shop, tier: dev}", SHOP_OWNER))
        .forEach(store::applySpec);
    Manifests.parse("b.yaml", manifest("shop-stg", "{team: shop, tier: staging}", SHOP_OWNER))
        .forEach(store::applySpec);
    Manifests.parse("c.yaml", manifest("pay-dev", "{team: pay, tier: dev}", "U0PAYOWNR1"))
        .forEach(store::applySpec);
    responseUrls = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    responseUrls.createContext(
        "/respond",
        exchange -> {
          try (exchange) {
            followUps.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    responseUrls.start();
    chatOps =
        new ChatOps(
            new Commands(
                store, new ChatOpsSettings(ZONE, List.of(), List.of()), clock, name -> {}));
    endpoints = HttpEndpoints.start("127.0.0.1", 0);
    endpoints.mount(
        SlackApp.PATH,
        new SlackHttpHandler(
            SlackApp.endpoint(
                new SigningSecret(SECRET), chatOps, clock, RequestGuard.DEFAULT_MAX_BODY_BYTES)));
  }

  @AfterEach
  void stop() {
    endpoints.close();
    chatOps.close();
    responseUrls.stop(0);
  }

  private Optional<State> desired(String environment) {
    return store.desired(environment) instanceof DesiredRead.Valid valid
        ? Optional.of(valid.stored().desired().state())
        : Optional.empty();
  }

  @Test
  void sleep_withSelector_sleepsTheMatchesTheCallerMayChange_andNamesTheRefusedOnes()
      throws Exception {
    assertThat(post(signed(command(SHOP_OWNER, "sleep -l tier=dev"))).statusCode()).isEqualTo(200);

    String followUp = nextFollowUp();
    assertThat(followUp)
        .contains("put 1 environment(s) matching `tier=dev` to sleep")
        .contains("`shop-dev` (version 1)")
        .contains("Refused, not written")
        .contains("`pay-dev`: not in your Slack allowlist")
        .contains("response_type=in_channel");
    assertThat(desired("shop-dev")).contains(State.ASLEEP);
    assertThat(desired("pay-dev")).isEmpty();
    assertThat(desired("shop-stg")).isEmpty();
  }

  @Test
  void wake_withSetSelectorAndFor_wakesEveryMatch() throws Exception {
    assertThat(
            post(signed(command(SHOP_OWNER, "wake -l team in (shop), tier notin (prod) for 1h")))
                .statusCode())
        .isEqualTo(200);

    assertThat(nextFollowUp())
        .contains("woke 2 environment(s) matching `team in (shop),tier notin (prod)`")
        .doesNotContain("Refused");
    assertThat(desired("shop-dev")).contains(State.AWAKE);
    assertThat(desired("shop-stg")).contains(State.AWAKE);
    assertThat(desired("pay-dev")).isEmpty();
  }

  @Test
  void sleep_selectorOnlyMatchingOthersEnvironments_isRefused_andWritesNothing() throws Exception {
    assertThat(post(signed(command(SHOP_OWNER, "sleep -l team=pay"))).statusCode()).isEqualTo(200);

    assertThat(nextFollowUp())
        .contains("You may change none of the 1 environment(s) matching `team=pay`")
        .contains("response_type=ephemeral");
    assertThat(desired("pay-dev")).isEmpty();
  }

  @Test
  void sleep_selectorMatchingNothing_answersEphemerally_andWritesNothing() throws Exception {
    assertThat(post(signed(command(SHOP_OWNER, "sleep -l team=web"))).statusCode()).isEqualTo(200);

    assertThat(nextFollowUp())
        .contains("No environment matches `team=web` (of 3; labels in use: `team=pay`")
        .contains("Nothing was changed")
        .contains("response_type=ephemeral");
    for (String env : List.of("shop-dev", "shop-stg", "pay-dev")) {
      assertThat(desired(env)).as(env).isEmpty();
    }
  }

  @Test
  void badSelector_answersUsageAtOnce_namingTheColumn() throws Exception {
    HttpResponse<String> response = post(signed(command(SHOP_OWNER, "sleep -l team in shop")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response))
        .contains("bad selector 'team in shop' at column 9: expected '(' after 'in'");
    assertThat(desired("shop-dev")).isEmpty();
  }

  /** The next follow-up's text, with its response type and raw JSON appended for assertions. */
  private String nextFollowUp() throws InterruptedException {
    String followUp = followUps.poll(10, TimeUnit.SECONDS);
    assertThat(followUp).as("a follow-up posted to the response_url").isNotNull();
    JsonObject json = JsonParser.parseString(followUp).getAsJsonObject();
    return json.get("text").getAsString()
        + "\nresponse_type="
        + json.get("response_type").getAsString()
        + "\n"
        + followUp;
  }

  private static String text(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString();
  }

  private String responseUrl() {
    return "http://127.0.0.1:" + responseUrls.getAddress().getPort() + "/respond";
  }

  private String command(String user, String text) {
    return form(
        "token", "legacy-verification-token",
        "team_id", "T0TEAM0001",
        "team_domain", "example",
        "channel_id", CHANNEL,
        "channel_name", "general",
        "user_id", user,
        "user_name", "alice",
        "command", "/daybreak",
        "text", text,
        "api_app_id", "A0APP00001",
        "response_url", responseUrl(),
        "trigger_id", "1.2.3");
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

  private record Signed(String body, long timestamp, String signature) {}

  private Signed signed(String body) {
    long now = clock.instant().getEpochSecond();
    return new Signed(body, now, sign(now, body));
  }

  private static String sign(long timestamp, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(Signed signed) throws IOException, InterruptedException {
    return post(signed.body(), signed.timestamp(), signed.signature());
  }

  private HttpResponse<String> post(String body, long timestamp, String signature)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + SlackApp.PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
            .header("X-Slack-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
