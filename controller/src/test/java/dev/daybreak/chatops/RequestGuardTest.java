package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

  private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String SLACK_TIMESTAMP = "1531420618";
  private static final String SLACK_BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&user_id=U2CERLKJA&command=%2Fdaybreak"
          + "&text=wake+seed+for+2h";

  /** Signed by the Slack SDK's own generator, an implementation independent of the guard's. */
  private static final String SLACK_SIGNATURE =
      new SlackSignature.Generator(SLACK_SECRET).generate(SLACK_TIMESTAMP, SLACK_BODY);

  private final MutableClock clock =
      new MutableClock(Instant.ofEpochSecond(Long.parseLong(SLACK_TIMESTAMP)));
  private final RequestGuard guard =
      new RequestGuard(new SigningSecret(SLACK_SECRET), clock, 64 * 1024);

  @Test
  void refusal_requestSignedAsTheSlackSdkSigns_isAccepted() {
    assertThat(check(SLACK_TIMESTAMP, SLACK_SIGNATURE, SLACK_BODY)).isEmpty();
    assertThat(SLACK_SIGNATURE).startsWith("v0=").hasSize(67);
  }

  @Test
  void refusal_tamperedBody_isRefused() {
    assertThat(check(SLACK_TIMESTAMP, SLACK_SIGNATURE, SLACK_BODY + "x"))
        .contains("signature does not match");
  }

  @Test
  void refusal_missingHeaders_isRefused() {
    assertThat(guard.refusal(Optional.empty(), Optional.of(SLACK_SIGNATURE), bytes(SLACK_BODY)))
        .isPresent();
  }

  @Test
  void refusal_timestampMoreThanFiveMinutesOldOrAhead_isRefused() {
    clock.set(Instant.ofEpochSecond(Long.parseLong(SLACK_TIMESTAMP)).plusSeconds(301));
    assertThat(check(SLACK_TIMESTAMP, SLACK_SIGNATURE, SLACK_BODY))
        .get()
        .asString()
        .contains("more than PT5M");
    clock.set(Instant.ofEpochSecond(Long.parseLong(SLACK_TIMESTAMP)).minusSeconds(301));
    assertThat(check(SLACK_TIMESTAMP, SLACK_SIGNATURE, SLACK_BODY)).isPresent();
  }

  @Test
  void refusal_sameSignatureTwice_isRefusedAsReplay_untilTheTimestampIsStaleAnyway() {
    assertThat(check(SLACK_TIMESTAMP, SLACK_SIGNATURE, SLACK_BODY)).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    assertThat(check(SLACK_TIMESTAMP, SLACK_SIGNATURE, SLACK_BODY))
        .contains("signature seen before (replay)");
    clock.advance(Duration.ofMinutes(2));
    assertThat(check(SLACK_TIMESTAMP, SLACK_SIGNATURE, SLACK_BODY))
        .get()
        .asString()
        .contains("more than");
  }

  @Test
  void refusal_bodyOverTheLimit_isRefusedBeforeTheSignatureIsComputed() {
    String big = "x".repeat(64 * 1024 + 1);
    String timestamp = SLACK_TIMESTAMP;
    String signature = guard.sign(timestamp, bytes(big));
    assertThat(check(timestamp, signature, big)).get().asString().contains("exceeds 65536");
  }

  @Test
  void replayCache_full_refusesNewSignaturesUntilOldOnesExpire() {
    ReplayCache cache = new ReplayCache(clock, 2);
    Instant expiry = clock.instant().plusSeconds(60);
    assertThat(cache.firstSeen("a", expiry)).isTrue();
    assertThat(cache.firstSeen("b", expiry)).isTrue();
    assertThat(cache.firstSeen("c", expiry)).isFalse();
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.firstSeen("c", clock.instant().plusSeconds(60))).isTrue();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void signingSecret_toString_neverShowsTheValue() {
    assertThat(new SigningSecret(SLACK_SECRET).toString()).doesNotContain(SLACK_SECRET);
  }

  private Optional<String> check(String timestamp, String signature, String body) {
    return guard.refusal(Optional.of(timestamp), Optional.of(signature), bytes(body));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
