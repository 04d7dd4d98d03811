package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The admission line run against a token bucket on a virtual clock: environments asking to start at
 * random times with random numbers of turns, while started environments use a random share of the
 * budget.
 */
class AdmissionLinePropertiesTest {

  private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
  private static final double STEP_SECONDS = 0.1;

  /** One environment asking to start: when (seconds after T0) and how many turns it takes. */
  record Asker(int arrivesAfterSeconds, int turns) {}

  /** An environment's fate in one run. */
  record Fate(String name, Asker asker, double admittedAtSeconds, double tokensWhenAdmitted) {}

  @Property(tries = 200)
  void admission_neverWhileTheBacklogExceedsTheHorizon(
      @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 600) Integer> arrivals,
      @ForAll @IntRange(min = 1, max = 12) int turns,
      @ForAll @IntRange(min = 1, max = 60) int burst,
      @ForAll @IntRange(min = 1, max = 20) int perSecond,
      @ForAll @DoubleRange(min = 0, max = 0.9) double startedShare) {
    List<Fate> fates = run(askers(arrivals, turns), burst, perSecond, startedShare);

    for (Fate fate : fates) {
      assertThat(fate.tokensWhenAdmitted())
          .as("%s was admitted with a backlog of more than %s", fate.name(), AdmissionLine.HORIZON)
          .isGreaterThan(-perSecond * secondsOf(AdmissionLine.HORIZON));
    }
  }

  @Property(tries = 200)
  void admission_ofEveryone_withinTheTimeTheBudgetTakesForThoseRequestedBefore(
      @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 600) Integer> arrivals,
      @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 1, max = 12) Integer> turns,
      @ForAll @IntRange(min = 1, max = 60) int burst,
      @ForAll @IntRange(min = 1, max = 20) int perSecond,
      @ForAll @DoubleRange(min = 0, max = 0.9) double startedShare) {
    List<Asker> askers = new ArrayList<>();
    for (int i = 0; i < arrivals.size(); i++) {
      askers.add(new Asker(arrivals.get(i), turns.get(i % turns.size())));
    }
    List<Fate> fates = run(askers, burst, perSecond, startedShare);

    double spare = perSecond * (1 - startedShare);
    for (Fate fate : fates) {
      long turnsBefore =
          fates.stream()
              .filter(f -> f.asker().arrivesAfterSeconds() <= fate.asker().arrivesAfterSeconds())
              .mapToLong(f -> f.asker().turns())
              .sum();
      double bound =
          fate.asker().arrivesAfterSeconds()
              + turnsBefore / spare
              + secondsOf(AdmissionLine.HORIZON)
              + 2 * secondsOf(AdmissionLine.MAX_RECHECK);
      assertThat(fate.admittedAtSeconds())
          .as("%s (%s) admitted within %.1f s", fate.name(), fate.asker(), bound)
          .isLessThanOrEqualTo(bound);
    }
  }

  @Property(tries = 200)
  void admission_inTheOrderRequested_whenEveryoneChecksAtOnce(
      @ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 100) Integer> arrivals,
      @ForAll @IntRange(min = 1, max = 12) int turns,
      @ForAll @IntRange(min = 1, max = 20) int perSecond) {
    AdmissionLine line = new AdmissionLine();
    AdmissionLine.Budget none = new AdmissionLine.Budget(-10.0 * perSecond, perSecond);
    for (int i = 0; i < arrivals.size(); i++) {
      line.decide("env-" + i, true, T0.plusSeconds(arrivals.get(i)), turns, none, T0);
    }
    String head =
        IntStream.range(0, arrivals.size())
            .boxed()
            .min(
                Comparator.comparing((Integer i) -> arrivals.get(i)).thenComparing(i -> "env-" + i))
            .map(i -> "env-" + i)
            .orElseThrow(IllegalStateException::new);
    double tokens = 0.5 - perSecond;

    List<String> admitted = new ArrayList<>();
    for (int i = 0; i < arrivals.size(); i++) {
      AdmissionLine.Decision d =
          line.decide(
              "env-" + i,
              true,
              T0.plusSeconds(arrivals.get(i)),
              turns,
              new AdmissionLine.Budget(tokens, perSecond),
              T0);
      if (d.admitted()) {
        admitted.add("env-" + i);
        tokens -= turns;
      } else {
        assertThat(d.recheckAfter())
            .isBetween(AdmissionLine.MIN_RECHECK, AdmissionLine.MAX_RECHECK);
      }
    }

    assertThat(admitted).containsExactly(head);
    assertThat(line.waiting()).isEqualTo(arrivals.size() - 1);
  }

  @Property(tries = 200)
  void started_isAdmittedWhateverTheBacklogAndTheLine(
      @ForAll @IntRange(min = 0, max = 200) int waiting,
      @ForAll @DoubleRange(min = -10_000, max = 100) double tokens,
      @ForAll @IntRange(min = 1, max = 20) int perSecond) {
    AdmissionLine line = new AdmissionLine();
    AdmissionLine.Budget budget = new AdmissionLine.Budget(tokens, perSecond);
    for (int i = 0; i < waiting; i++) {
      line.decide("new-" + i, true, T0, 10, new AdmissionLine.Budget(-1e6, perSecond), T0);
    }

    AdmissionLine.Decision d =
        line.decide("started", false, T0.plusSeconds(3600), 10, budget, T0.plusSeconds(1));

    assertThat(d.admitted()).isTrue();
    assertThat(d.recheckAfter()).isZero();
  }

  private static List<Asker> askers(List<Integer> arrivals, int turns) {
    return arrivals.stream().map(a -> new Asker(a, turns)).toList();
  }

  /**
   * Runs the line against a bucket until everyone is admitted: every {@link #STEP_SECONDS} the
   * bucket refills, started environments take their share of the rate, and each environment whose
   * recheck is due asks (earliest due first); an admitted one takes all its turns at once.
   */
  private static List<Fate> run(List<Asker> askers, int burst, int perSecond, double startedShare) {
    AdmissionLine line = new AdmissionLine();
    int n = askers.size();
    double[] due = new double[n];
    double[] admittedAt = new double[n];
    double[] tokensThen = new double[n];
    for (int i = 0; i < n; i++) {
      due[i] = askers.get(i).arrivesAfterSeconds();
      admittedAt[i] = Double.NaN;
    }
    double tokens = burst;
    int left = n;
    for (long step = 0; left > 0; step++) {
      double t = step * STEP_SECONDS;
      assertThat(t).as("everyone admitted within a simulated day").isLessThan(86_400);
      tokens = Math.min(burst, tokens + perSecond * STEP_SECONDS);
      tokens -= perSecond * startedShare * STEP_SECONDS;
      Instant now = T0.plusNanos((long) (t * 1e9));
      List<Integer> asking = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(admittedAt[i]) && due[i] <= t + 1e-9) {
          asking.add(i);
        }
      }
      asking.sort(Comparator.comparingDouble((Integer i) -> due[i]).thenComparing(i -> i));
      for (int i : asking) {
        Asker a = askers.get(i);
        AdmissionLine.Decision d =
            line.decide(
                "env-" + i,
                true,
                T0.plusSeconds(a.arrivesAfterSeconds()),
                a.turns(),
                new AdmissionLine.Budget(tokens, perSecond),
                now);
        if (d.admitted()) {
          admittedAt[i] = t;
          tokensThen[i] = tokens;
          tokens -= a.turns();
          left--;
        } else {
          due[i] = t + secondsOf(d.recheckAfter());
        }
      }
    }
    List<Fate> fates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fates.add(new Fate("env-" + i, askers.get(i), admittedAt[i], tokensThen[i]));
    }
    return fates;
  }

  private static double secondsOf(Duration d) {
    return d.toNanos() / 1e9;
  }
}
