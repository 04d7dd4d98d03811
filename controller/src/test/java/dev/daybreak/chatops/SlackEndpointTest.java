package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.daybreak.store.InMemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that pass the signature check but are not what Slack sends. Before the form check, a bad
 * percent-escape or a payload that is not JSON made Bolt's parser throw out of {@link
 * SlackEndpoint#handle}, and the HTTP server dropped the connection without an answer; a repeated
 * {@code text} field silently ran the last one.
 */
class SlackEndpointTest {

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String COMMAND =
      "token=x&team_id=T1&user_id=U2&user_name=alice&channel_id=C1&command=%2Fdaybreak"
          + "&text=status&response_url=http%3A%2F%2F127.0.0.1%3A9%2Frespond&trigger_id=1.2.3";

  private final Clock clock = Clock.systemUTC();
  private final List<String> triggered = new ArrayList<>();
  private final ChatOps chatOps =
      new ChatOps(
          new Commands(
              new InMemoryStateStore(clock),
              new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()),
              clock,
              triggered::add));
  private final SlackEndpoint endpoint =
      SlackApp.endpoint(
          new SigningSecret(SECRET), chatOps, clock, RequestGuard.DEFAULT_MAX_BODY_BYTES);

  @AfterEach
  void close() {
    chatOps.close();
  }

  @Test
  void handle_badPercentEscape_answers400NamingIt_insteadOfThrowing() {
    RawResponse response = endpoint.handle(signed(FormBody.FORM, COMMAND + "&note=%ZZ"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .startsWith("bad request: the body is not valid application/x-www-form-urlencoded")
        .contains("'%ZZ'");
  }

  @Test
  void handle_payloadThatIsNotJson_answers400_insteadOfThrowing() {
    RawResponse response = endpoint.handle(signed(FormBody.FORM, "payload=%7B%22type%22%3A"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .startsWith("bad request: the interactive payload is not valid JSON");
  }

  @Test
  void handle_repeatedTextField_answers400_ratherThanRunningOneOfThem() {
    RawResponse response =
        endpoint.handle(
            signed(
                FormBody.FORM, COMMAND.replace("text=status", "text=sleep+seed") + "&text=status"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("form field 'text' appears 2 times");
    assertThat(triggered).isEmpty();
  }

  @Test
  void handle_jsonBody_answers400NamingTheFormContentType() {
    RawResponse response = endpoint.handle(signed("application/json", "{\"text\":\"wake seed\"}"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("expected Content-Type application/x-www-form-urlencoded");
  }

  @Test
  void handle_wellFormedCommand_isServed() {
    RawResponse response = endpoint.handle(signed(FormBody.FORM, COMMAND));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("`/daybreak status`: on it");
  }

  private RawRequest signed(String contentType, String body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    return new RawRequest(
        SlackApp.PATH,
        Optional.empty(),
        Map.of(
            "Content-Type", List.of(contentType),
            "X-Slack-Request-Timestamp", List.of(timestamp),
            "X-Slack-Signature",
                List.of(new SlackSignature.Generator(SECRET).generate(timestamp, body))),
        body.getBytes(StandardCharsets.UTF_8),
        "127.0.0.1");
  }
}
