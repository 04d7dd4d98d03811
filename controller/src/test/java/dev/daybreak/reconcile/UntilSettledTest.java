package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.daybreak.queue.Result;
import dev.daybreak.store.StoreException;
import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The Lambda's loop: passes when each environment's plan asks, until settled or out of time. */
class UntilSettledTest {

  private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");
  private final VirtualClock clock = VirtualClock.startingAt(T0);
  private final List<String> passes = new ArrayList<>();

  /** An environment that needs {@code passes} quick passes (1 s apart) before it settles. */
  private UntilSettled loop(Map<String, Integer> passesToSettle) {
    Map<String, Integer> left = new HashMap<>(passesToSettle);
    return new UntilSettled(
        env -> {
          passes.add(env + "@" + Duration.between(T0, clock.instant()).toSeconds());
          int n = left.merge(env, -1, Integer::sum);
          if (n < 0) {
            throw new IllegalStateException("boom");
          }
          return n == 0
              ? Result.requeueAfter(Duration.ofSeconds(60))
              : Result.requeueAfter(Duration.ofSeconds(1));
        },
        clock,
        clock::advance);
  }

  @Test
  void run_environmentsWaking_passesAtTheirRequeuesUntilAllSettle() throws InterruptedException {
    UntilSettled.Summary summary =
        loop(Map.of("seed", 3, "shop", 1)).run(List.of("seed", "shop"), Duration.ofMinutes(5));

    assertThat(summary.settled()).containsExactly("seed", "shop");
    assertThat(summary.unsettled()).isEmpty();
    assertThat(passes).containsExactly("seed@0", "shop@0", "seed@1", "seed@2");
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void run_budgetSpent_stopsAndReportsWhatIsStillMoving() throws InterruptedException {
    UntilSettled.Summary summary =
        loop(Map.of("seed", 100)).run(List.of("seed"), Duration.ofSeconds(10));

    assertThat(summary.unsettled()).containsExactly("seed");
    assertThat(summary.passes()).isEqualTo(11);
    assertThat(clock.instant()).isBeforeOrEqualTo(T0.plusSeconds(10));
  }

  @Test
  void run_failingPass_isRetriedAfterABackoffAndCounted() throws InterruptedException {
    UntilSettled.Summary summary =
        loop(Map.of("seed", 0)).run(List.of("seed"), Duration.ofSeconds(12));

    assertThat(summary.failedPasses()).isEqualTo(3);
    assertThat(passes).containsExactly("seed@0", "seed@5", "seed@10");
  }

  @Test
  void run_storeUnreachable_logsOneWarnLinePerFailedPass_whileABugIsAnErrorWithItsTrace()
      throws InterruptedException {
    Logger log = (Logger) LoggerFactory.getLogger(UntilSettled.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    try {
      new UntilSettled(
              env -> {
                throw env.equals("seed")
                    ? new StoreException(
                        "cannot reach DynamoDB: refused", SdkClientException.create("refused"))
                    : new IllegalStateException("boom");
              },
              clock,
              clock::advance)
          .run(List.of("seed", "shop"), Duration.ofSeconds(1));
    } finally {
      log.detachAppender(logged);
    }

    assertThat(logged.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(
                Level.WARN,
                "pass of seed failed; again in PT5S: StoreException: cannot reach DynamoDB:"
                    + " refused; caused by SdkClientException"),
            tuple(Level.ERROR, "pass of shop failed unexpectedly; again in PT5S"));
    assertThat(logged.list.get(0).getThrowableProxy()).isNull();
    assertThat(logged.list.get(1).getThrowableProxy().getClassName())
        .isEqualTo(IllegalStateException.class.getName());
  }
}
