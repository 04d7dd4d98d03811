package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.ServiceEventView;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6's "done when", end to end over real wire protocols: dynalite for DynamoDB, the ECS
 * simulator over HTTP, a WireMock Slack Web API, and the controller in this JVM over the production
 * backends. Tasks start in 1–2 s of real time, and the seed's failure is on: b crashes without a,
 * c, d and e without b.
 */
@ExtendWith(DynaliteExtension.class)
class WakeEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RESYNC = Duration.ofSeconds(1);
  private static final Pattern DEGRADED_DETAIL =
      Pattern.compile("c: failedTasks (\\d+), last event: ([^;\\n]+)");

  private final List<Stack> stacks = new ArrayList<>();

  @AfterEach
  void stop() {
    stacks.forEach(Stack::close);
  }

  private Stack stack(Dynalite dynalite, SimSettings.Builder sim) {
    Stack stack = Stack.start(dynalite, sim.build());
    stacks.add(stack);
    return stack;
  }

  /** The seed's start-up failure, short latencies, and ECS's failed-start throttle made short. */
  private static SimSettings.Builder seedSim(Latency start) {
    return SimSettings.builder()
        .seed(6)
        .startLatency(start)
        .stopLatency(Latency.parse("300ms..600ms"))
        .require("b", "a")
        .require("c", "b")
        .require("d", "b")
        .require("e", "b")
        .crashGrace(Duration.ofSeconds(1))
        .relaunchDelay(Duration.ofSeconds(1))
        .startFailureBackoff(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  private static ConditionFactory within(Duration limit) {
    return await().atMost(limit).pollInterval(Duration.ofMillis(50));
  }

  private static void awaitPhase(Stack stack, String env, Phase phase, Duration limit) {
    within(limit).untilAsserted(() -> assertThat(stack.phase(env)).as(env).contains(phase));
  }

  @Test
  void rawUpdateItem_wakesTierByTier_withNoFailedStarts_andOneSlackMessageUpdatedInPlace(
      Dynalite dynalite) {
    Stack stack = stack(dynalite, seedSim(Latency.parse("1s..2s")));
    String yaml = Envs.seed("seed", "dev", "");
    EnvironmentSpec spec = Envs.spec(yaml);
    stack.apply(yaml);
    stack.startController(RESYNC);

    stack.rawFlip("seed", "AWAKE");

    awaitPhase(stack, "seed", Phase.AWAKE, Duration.ofSeconds(30));
    Envs.assertWokeTierByTier(stack, "dev", spec);
    assertThat(stack.failedTasks("dev", "b")).as("b's failed task starts").isZero();
    within(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(stack.slackCalls("chat.update")).isNotEmpty());
    assertThat(stack.topLevelPosts()).as("one message per wake").hasSize(1);
    within(Duration.ofSeconds(10))
        .untilAsserted(() -> assertLatestUpdateCarriesTheSeedsFields(stack, spec));
    assertLatestUpdateCarriesRealEvents(stack, spec);
  }

  /** Each service's "latest event" in the last chat.update is an event ECS really has for it. */
  private static void assertLatestUpdateCarriesRealEvents(Stack stack, EnvironmentSpec spec) {
    List<String> texts = latestUpdateTexts(stack);
    for (String service : Envs.replicas(spec).keySet()) {
      String section =
          texts.stream().filter(t -> t.contains("*" + service + "*")).findFirst().orElseThrow();
      Matcher event = Pattern.compile("latest event `([^`]+)`").matcher(section);
      assertThat(event.find()).as(section).isTrue();
      assertThat(stack.events("dev", service))
          .as("%s's events, for %s", service, section)
          .extracting(ServiceEventView::id)
          .contains(event.group(1));
    }
  }

  private static List<String> latestUpdateTexts(Stack stack) {
    List<Map<String, String>> updates = stack.slackCalls("chat.update");
    Map<String, String> last = updates.get(updates.size() - 1);
    assertThat(last).containsEntry("ts", Stack.PARENT_TS);
    return blockTexts(last.get("blocks"));
  }

  /**
   * The last chat.update shows, per service, its name, desiredCount, runningCount, failedTasks and
   * the latest ECS event.
   */
  private static void assertLatestUpdateCarriesTheSeedsFields(Stack stack, EnvironmentSpec spec) {
    List<String> texts = latestUpdateTexts(stack);
    Envs.replicas(spec)
        .forEach(
            (service, replicas) -> {
              Optional<String> section =
                  texts.stream().filter(t -> t.contains("*" + service + "*")).findFirst();
              assertThat(section).as("a section for %s in %s", service, texts).isPresent();
              assertThat(section.get())
                  .contains(
                      "desiredCount "
                          + replicas
                          + " · runningCount "
                          + replicas
                          + " · failedTasks 0")
                  .contains("latest event `");
            });
  }

  /** The texts of a Block Kit message, one per paragraph (a service's lines). */
  private static List<String> blockTexts(String blocks) {
    try {
      List<String> out = new ArrayList<>();
      for (JsonNode text : JSON.readTree(blocks).findValues("text")) {
        String value = text.isTextual() ? text.asText() : text.path("text").asText();
        out.addAll(List.of(value.split("\n\n")));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void sleep_stopsDependentsFirst_tierByTier(Dynalite dynalite) {
    Stack stack = stack(dynalite, seedSim(Latency.parse("1s..2s")));
    String yaml = Envs.seed("night", "night", "");
    EnvironmentSpec spec = Envs.spec(yaml);
    stack.apply(yaml);
    stack.startController(RESYNC);
    stack.rawFlip("night", "AWAKE");
    awaitPhase(stack, "night", Phase.AWAKE, Duration.ofSeconds(30));

    stack.rawFlip("night", "ASLEEP");

    awaitPhase(stack, "night", Phase.ASLEEP, Duration.ofSeconds(30));
    Envs.assertSleptInReverseTierOrder(stack, "night", spec);
    assertThat(stack.sim.services())
        .filteredOn(s -> s.cluster().equals("night"))
        .allSatisfy(s -> assertThat(s.runningCount()).as(s.service()).isZero());
  }

  @Test
  void serviceNeverReady_degradesAfterItsTimeout_alertsWithItsFailures_andRecoversOnceFixed(
      Dynalite dynalite) {
    Stack stack = stack(dynalite, seedSim(Latency.parse("1s..2s")));
    stack.apply(Envs.seed("broken", "broken", "timeout: 5s"));
    stack.faults("{\"failToStart\": [\"c\"]}");
    stack.startController(RESYNC);

    Instant flip = stack.rawFlip("broken", "AWAKE");

    awaitPhase(stack, "broken", Phase.DEGRADED, Duration.ofSeconds(30));
    Instant cScaled =
        stack.updates("broken").stream()
            .filter(c -> c.services().equals(List.of("c")))
            .findFirst()
            .orElseThrow()
            .at();
    Instant degradedAt =
        stack
            .store
            .status("broken")
            .orElseThrow()
            .status()
            .condition("Degraded")
            .orElseThrow()
            .lastTransitionTime();
    // The pass writes its status before it scales, so c's clock starts a few ms before the call.
    assertThat(Duration.between(cScaled, degradedAt))
        .as("Degraded after c's 5 s timeout, promptly (flip at %s)", flip)
        .isBetween(
            Duration.ofMillis(4_900), Duration.ofSeconds(5).plus(Requeue.PROGRESS.multipliedBy(2)));
    Matcher alert =
        within(Duration.ofSeconds(10)).until(() -> degradedAlert(stack), Optional::isPresent).get();
    assertThat(Integer.parseInt(alert.group(1))).as("c's failedTasks in the alert").isPositive();
    assertThat(alert.group(2))
        .as("the alert's last event is one of c's ECS events")
        .isIn(stack.events("broken", "c").stream().map(ServiceEventView::message).toList());

    stack.faults("{}");

    awaitPhase(stack, "broken", Phase.AWAKE, Duration.ofSeconds(40));
    assertThat(stack.runningAt("broken", "c", Instant.now())).isEqualTo(1);
  }

  /** The Slack text (a thread reply or an update) that names c's failedTasks and last event. */
  private static Optional<Matcher> degradedAlert(Stack stack) {
    List<Map<String, String>> all = new ArrayList<>(stack.slackCalls("chat.postMessage"));
    all.addAll(stack.slackCalls("chat.update"));
    for (Map<String, String> call : all) {
      Matcher m = DEGRADED_DETAIL.matcher(call.getOrDefault("text", ""));
      if (m.find()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  @Test
  void failingSlack_doesNotSlowTheWake(Dynalite dynalite) {
    Stack stack = stack(dynalite, seedSim(Latency.fixed(Duration.ofMillis(1500))));
    stack.apply(Envs.seed("healthy", "healthy", ""));
    stack.apply(Envs.seed("flaky", "flaky", ""));
    stack.startController(RESYNC);

    Duration healthy = makespan(stack, "healthy");
    stack.flakySlack();
    Duration flaky = makespan(stack, "flaky");

    System.out.printf(
        "wake makespan: healthy Slack %d ms, Slack answering 500 and 429 %d ms (%.2fx)%n",
        healthy.toMillis(), flaky.toMillis(), (double) flaky.toMillis() / healthy.toMillis());
    // Slack is called asynchronously and retried after a backoff, so its answers may come after the
    // wake; the first failure must come before the environment was Awake (or it slowed nothing).
    Instant flakyAwake = awakeAt(stack, "flaky");
    within(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(stack.slack.getAllServeEvents())
                    .as("the flaky Slack was called and answered 500 and 429")
                    .anyMatch(e -> e.getResponse().getStatus() == 500)
                    .anyMatch(e -> e.getResponse().getStatus() == 429));
    assertThat(stack.slack.getAllServeEvents())
        .as("Slack answered 500 before the flaky environment was Awake at %s", flakyAwake)
        .anyMatch(
            e ->
                e.getResponse().getStatus() == 500
                    && e.getRequest().getLoggedDate().toInstant().isBefore(flakyAwake));
    assertThat((double) flaky.toMillis())
        .as("flaky %s vs healthy %s", flaky, healthy)
        .isLessThanOrEqualTo(healthy.toMillis() * 1.25);
  }

  /**
   * From daybreak's first UpdateService to the pass that declared the environment Awake (the Ready
   * condition's transition time): the wake itself, without the wait for the next resync.
   */
  private static Duration makespan(Stack stack, String env) {
    stack.rawFlip(env, "AWAKE");
    awaitPhase(stack, env, Phase.AWAKE, Duration.ofSeconds(30));
    Instant first = stack.updates(env).get(0).at();
    return Duration.between(first, awakeAt(stack, env));
  }

  /** When the pass that declared {@code env} Awake ran (its Ready condition's transition). */
  private static Instant awakeAt(Stack stack, String env) {
    return stack
        .store
        .status(env)
        .orElseThrow()
        .status()
        .condition("Ready")
        .orElseThrow()
        .lastTransitionTime();
  }
}
