package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.State;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.Via;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

final class WakeSleepCommandTest {

  @TempDir Path dir;
  private final Cli cli = new Cli();

  @BeforeEach
  void applySeed() throws Exception {
    assertThat(
            cli.memory("apply", "-f", Fixtures.write(dir, "s.yaml", Fixtures.SEED).toString())
                .exitCode())
        .isZero();
  }

  private DesiredRead.Valid desired() {
    return (DesiredRead.Valid) cli.store.desired("seed");
  }

  @Test
  void wake_forTwoHours_writesAwakeUntilNowPlusTwoHours_andAudits() {
    Cli.Result result =
        cli.memory("wake", "seed", "--for", "2h", "--reason", "demo", "--as", "alice");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo("environment/seed desired AWAKE until 2026-11-30 19:00 JST (version 1)\n");
    var d = desired().stored().desired();
    assertThat(d.state()).isEqualTo(State.AWAKE);
    assertThat(d.until()).contains(Cli.NOW.plus(Duration.ofHours(2)));
    assertThat(d.requestedBy()).isEqualTo("alice");
    assertThat(d.reason()).isEqualTo("demo");
    assertThat(d.requestedAt()).isEqualTo(Cli.NOW);
    assertThat(cli.store.audit("seed", 10))
        .containsExactly(
            new AuditEntry(
                Cli.NOW,
                "alice",
                Via.CLI,
                Optional.empty(),
                State.AWAKE,
                Optional.of(Cli.NOW.plus(Duration.ofHours(2))),
                "demo"));
  }

  @ParameterizedTest
  @CsvSource({
    // now is 17:00 in Tokyo: a later time is today, an earlier or equal one tomorrow
    "18:30, 2026-11-30T09:30:00Z",
    "16:00, 2026-12-01T07:00:00Z",
    "17:00, 2026-12-01T08:00:00Z",
    "2026-12-02T09:15, 2026-12-02T00:15:00Z",
    "2026-12-02T09:15:00Z, 2026-12-02T09:15:00Z"
  })
  void wake_until_readsTimesInTheZone(String until, String expected) {
    Cli.Result result = cli.memory("wake", "seed", "--until", until);

    assertThat(result.exitCode()).isZero();
    assertThat(desired().stored().desired().until()).contains(Instant.parse(expected));
  }

  @Test
  void wake_untilInAnotherZone_readsItThere() {
    // now is 09:00 in Paris
    Cli.Result result = cli.memory("wake", "seed", "--until", "10:00", "--zone", "Europe/Paris");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("until 2026-11-30 10:00 CET");
    assertThat(desired().stored().desired().until())
        .contains(Instant.parse("2026-11-30T09:00:00Z"));
  }

  @Test
  void wake_someServices_storesThem() {
    Cli.Result result = cli.memory("wake", "seed", "--services", "b,c");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("for b, c");
    assertThat(desired().stored().desired().services()).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void sleep_writesAsleepAsTheCurrentUser_fromThePreviousState() {
    cli.memory("wake", "seed");
    cli.clock.advance(Duration.ofMinutes(3));

    Cli.Result result = cli.memory("sleep", "seed", "--reason", "done");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("environment/seed desired ASLEEP (version 2)\n");
    assertThat(desired().stored().desired().requestedBy()).isEqualTo("tester");
    assertThat(cli.store.audit("seed", 1).get(0).from()).contains(State.AWAKE);
  }

  @Test
  void wake_overAMalformedItem_replacesItAndSaysSo() {
    cli.store.updateDesiredByHand("seed", Map.of("state", AttributeValue.fromS("UP")), Set.of());

    Cli.Result result = cli.memory("wake", "seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err())
        .contains("replacing a malformed desired item (attribute 'state' is 'UP'");
    assertThat(desired().stored().desired().state()).isEqualTo(State.AWAKE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "wake seed --for 2x | 2 | Invalid value for option '--for': '2x' is not a duration; expected a duration above 0s up to 3650d, written as a whole number with a unit",
        "wake seed --for 0m | 2 | Invalid value for option '--for': '0m' is out of range; expected a duration above 0s up to 3650d",
        "wake seed --until 25:00 | 2 | Invalid value for option '--until': expected a time such as 18:30",
        "wake seed --until 2020-01-01T00:00:00Z | 2 | 2020-01-01T00:00:00Z is in the past",
        "wake seed --for 1h --until 18:00 | 2 | --for and --until cannot be used together",
        "wake seed --zone Mars/Olympus | 2 | expected a time zone such as Asia/Tokyo",
        "wake nope | 1 | unknown environment 'nope': no manifest applied under that name (known: seed)",
        "wake seed --services a,zz | 1 | unknown service 'zz' in --services: environment 'seed' has a, b, c",
        "sleep seed --services a | 2 | Unknown options: '--services', 'a'",
        "wake | 2 | Missing required parameter: 'NAME'"
      })
  void badInput_isOneLineError_andWritesNothing(String args, int exitCode, String message) {
    var before = cli.store.scanByHand();

    Cli.Result result = cli.memory(args.split(" "));

    assertThat(result.exitCode()).isEqualTo(exitCode);
    assertThat(result.err()).startsWith("error: ").contains(message);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.out()).isEmpty();
    assertThat(cli.store.scanByHand()).isEqualTo(before);
  }
}
