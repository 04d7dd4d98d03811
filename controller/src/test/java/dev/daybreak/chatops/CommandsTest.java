package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandsTest {

  private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z"); // 09:00 in Tokyo
  private static final Caller ALICE = new Caller("U0ALICE001", "alice", "C0GENERAL1");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final List<String> triggered = new ArrayList<>();
  private final Commands commands =
      new Commands(
          store, new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()), clock, triggered::add);

  @BeforeEach
  void apply() {
    Manifests.parse(
            "envs.yaml", manifest("tokyo", "3h", true) + "---\n" + manifest("short", "1h", false))
        .forEach(store::applySpec);
  }

  @Test
  void wake_untilTimeOfDay_isReadInTheSchedulesZone() {
    commands.run(CommandParser.parse("wake tokyo until 11:30"), ALICE, "/daybreak wake");

    assertThat(desired("tokyo").until()).contains(Instant.parse("2026-11-30T02:30:00Z"));
    assertThat(triggered).containsExactly("tokyo");
  }

  @Test
  void wake_untilTimeOfDay_withoutSchedule_isReadInTheConfiguredZone() {
    commands.run(CommandParser.parse("wake short until 00:30"), ALICE, "/daybreak wake");

    assertThat(desired("short").until()).contains(Instant.parse("2026-11-30T00:30:00Z"));
  }

  @Test
  void wake_withoutLength_lastsTheDefaultButNeverLongerThanMaxWake() {
    commands.run(CommandParser.parse("wake tokyo"), ALICE, "/daybreak wake");
    commands.run(CommandParser.parse("wake short"), ALICE, "/daybreak wake");

    assertThat(desired("tokyo").until()).contains(NOW.plus(ChatOps.DEFAULT_WAKE));
    assertThat(desired("short").until()).contains(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void keepAwake_whileAwake_addsTwoHoursToTheCurrentEnd_andKeepsThePartialWake() {
    commands.run(CommandParser.parse("wake tokyo for 30m b"), ALICE, "/daybreak wake");

    commands.keepAwake(ALICE, "tokyo");

    DesiredState desired = desired("tokyo");
    assertThat(desired.state()).isEqualTo(State.AWAKE);
    assertThat(desired.until()).contains(NOW.plus(Duration.ofMinutes(150)));
    assertThat(desired.services()).containsExactly("b");
  }

  @Test
  void keepAwake_whileAsleep_wakesForTwoHoursFromNow() {
    commands.sleepNow(ALICE, "tokyo");

    commands.keepAwake(ALICE, "tokyo");

    assertThat(desired("tokyo").state()).isEqualTo(State.AWAKE);
    assertThat(desired("tokyo").until()).contains(NOW.plus(Duration.ofHours(2)));
  }

  @Test
  void keepAwake_pastMaxWake_answersUsage_andWritesNothingMore() {
    commands.run(CommandParser.parse("wake tokyo for 2h"), ALICE, "/daybreak wake");
    long version = ((DesiredRead.Valid) store.desired("tokyo")).stored().version();

    Reply reply = commands.keepAwake(ALICE, "tokyo");

    assertThat(reply.inChannel()).isFalse();
    assertThat(reply.text()).contains("at most 3h");
    assertThat(((DesiredRead.Valid) store.desired("tokyo")).stored().version()).isEqualTo(version);
  }

  @Test
  void sleepFor_writesAsleepUntilThen() {
    Reply reply = commands.run(CommandParser.parse("sleep tokyo for 1h"), ALICE, "/daybreak sleep");

    assertThat(reply.inChannel()).isTrue();
    assertThat(desired("tokyo").state()).isEqualTo(State.ASLEEP);
    assertThat(desired("tokyo").until()).isEqualTo(Optional.of(NOW.plus(Duration.ofHours(1))));
    assertThat(desired("tokyo").reason()).isEqualTo("/daybreak sleep");
  }

  @Test
  void wake_lookAlikeNames_doNotResolve_andTheAnswerNamesTheForeignCharacters() {
    var before = store.scanByHand();
    for (String lookAlike :
        List.of("t\u043ekyo", "\uff54\uff4f\uff4b\uff59\uff4f", "to\u200dkyo")) {
      Reply reply = commands.run(CommandParser.parse("wake " + lookAlike), ALICE, "/daybreak wake");

      assertThat(reply.text())
          .startsWith(":warning: unknown environment '")
          .contains("environment names have only lowercase ASCII letters, digits and '-'")
          .contains("expected one of short, tokyo");
    }
    assertThat(commands.run(CommandParser.parse("wake t\u043ekyo"), ALICE, "/daybreak wake").text())
        .contains("'t\u043ekyo': it has U+043E CYRILLIC SMALL LETTER O");
    assertThat(
            commands.run(CommandParser.parse("sleep to\u200dkyo"), ALICE, "/daybreak sleep").text())
        .contains("'to[U+200D]kyo': it has U+200D ZERO WIDTH JOINER")
        .doesNotContain("\u200d");
    assertThat(commands.keepAwake(ALICE, "t\u043ekyo").text())
        .contains("U+043E CYRILLIC SMALL LETTER O");
    assertThat(store.scanByHand()).isEqualTo(before);
    assertThat(triggered).isEmpty();
  }

  @Test
  void wake_mentionsInWhatWasTyped_comeBackInert() {
    Reply service =
        commands.run(CommandParser.parse("wake tokyo for 1h <!channel>"), ALICE, "/daybreak wake");
    Reply environment =
        commands.run(CommandParser.parse("wake <@U0ALICE001>"), ALICE, "/daybreak wake");
    Reply time =
        commands.run(CommandParser.parse("wake tokyo until `<!here>`"), ALICE, "/daybreak wake");

    assertThat(service.text()).contains("unknown service '&lt;!channel&gt;'");
    assertThat(environment.text()).contains("unknown environment '&lt;@U0ALICE001&gt;'");
    assertThat(time.text()).contains("bad time '\u02cb&lt;!here&gt;\u02cb'");
    assertThat(List.of(service.text(), environment.text(), time.text()))
        .noneMatch(t -> t.contains("<!") || t.contains("<@"));
  }

  @Test
  void wakeAndSleep_environmentOnAClusterNotAllowed_areRefusedNamingTheClusters_andWriteNothing() {
    Commands restricted = commandsActingOn("staging", "prod");
    var before = store.scanByHand();

    List<Reply> replies =
        List.of(
            restricted.run(CommandParser.parse("wake tokyo for 1h"), ALICE, "/daybreak wake"),
            restricted.run(CommandParser.parse("sleep tokyo"), ALICE, "/daybreak sleep"),
            restricted.wakeButton(ALICE, "tokyo"),
            restricted.sleepNow(ALICE, "tokyo"),
            restricted.keepAwake(ALICE, "tokyo"));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply.inChannel()).isFalse();
              assertThat(reply.text())
                  .startsWith(
                      ":no_entry: `tokyo`: ECS cluster 'dev' is not one this controller may act"
                          + " on (allowed: prod,staging), so nothing was written;")
                  .contains("-c clusters=prod,staging,dev")
                  .contains("--clusters / DAYBREAK_CLUSTERS");
            });
    assertThat(store.scanByHand()).isEqualTo(before);
    assertThat(triggered).isEmpty();
  }

  @Test
  void wake_environmentOnAnAllowedCluster_isWritten() {
    Reply reply =
        commandsActingOn("dev", "staging")
            .run(CommandParser.parse("wake tokyo for 1h"), ALICE, "/daybreak wake");

    assertThat(reply.inChannel()).isTrue();
    assertThat(desired("tokyo").state()).isEqualTo(State.AWAKE);
    assertThat(triggered).containsExactly("tokyo");
  }

  private Commands commandsActingOn(String... clusters) {
    return new Commands(
        store,
        new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of())
            .withClusters(ClusterAllowlist.of(List.of(clusters))),
        clock,
        triggered::add);
  }

  private DesiredState desired(String environment) {
    DesiredRead read = store.desired(environment);
    assertThat(read).isInstanceOf(DesiredRead.Valid.class);
    return ((DesiredRead.Valid) read).stored().desired();
  }

  private static String manifest(String name, String maxWake, boolean schedule) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: %s
        spec:
          cluster: dev
          access:
            slack:
              users: [U0ALICE001]
            maxWake: %s
        %s  services:
            - name: a
              replicas: 1
            - name: b
              replicas: 1
              dependsOn: [a]
        """
        .formatted(
            name,
            maxWake,
            schedule
                ? """
                  schedule:
                    timeZone: Asia/Tokyo
                    windows:
                      - days: MON-FRI
                        wakeBy: "09:00"
                        sleepAt: "20:00"
                """
                : "");
  }
}
