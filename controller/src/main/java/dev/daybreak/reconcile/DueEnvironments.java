package dev.daybreak.reconcile;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DesiredScan;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which environments a scheduled serverless run must reconcile (issue 22): the function is invoked
 * once a minute, and reading and reconciling every settled environment each time is most of what
 * daybreak costs. Decided from the index (each spec's generation, each desired item in full, each
 * status's version: {@link DesiredScan} and {@code statusVersions}) and from what this execution
 * environment remembers of its previous runs. An environment is due when:
 *
 * <ul>
 *   <li>this execution environment has not reconciled it yet (a cold start reconciles them all);
 *   <li>its last run here ended with it unsettled (still waking, sleeping, or retrying soon);
 *   <li>the index shows a spec generation, desired item or status version other than the ones its
 *       last pass read or wrote (an apply, a flip or hand edit, another invocation's progress);
 *   <li>its next schedule edge or its desired item's {@code until} has come (computed from the
 *       spec, desired item and status its last pass read, as the reconciler does, before the
 *       stagger, which only ever starts an environment later);
 *   <li>its drift check is due: {@link #DRIFT_CHECK} after its last pass.
 * </ul>
 *
 * Remembering lives as long as the function's execution environment: nothing is stored, and a new
 * one starts by reconciling everything, as before.
 */
public final class DueEnvironments {

  /**
   * How often the serverless mode looks at a settled environment whose items did not change: ten
   * minutes, against the long-running controller's one. A drift check catches what changed in ECS
   * alone (a service scaled by hand while asleep); ten minutes keeps such drift short while reading
   * a tenth of the fleet a minute.
   */
  public static final Duration DRIFT_CHECK = Duration.ofMinutes(10);

  private final Calendars calendars;
  private final Map<String, Looked> looked = new HashMap<>();

  /**
   * @param calendars the calendars schedules are compiled with (the controller's)
   */
  public DueEnvironments(Calendars calendars) {
    this.calendars = Objects.requireNonNull(calendars, "calendars");
  }

  /**
   * What the index shows of an environment, or what its last pass read and wrote.
   *
   * @param specVersion the spec's generation; empty when the index shows none
   * @param desired the desired item
   * @param statusVersion the status item's version; empty when there is none
   */
  record Marks(Optional<Long> specVersion, DesiredRead desired, Optional<Long> statusVersion) {}

  /**
   * An environment's last pass here.
   *
   * @param marks what it read and wrote
   * @param at when it ran
   * @param nextChange when its effective state next changes (schedule edge or {@code until})
   * @param settled whether it settled
   */
  record Looked(Marks marks, Instant at, Optional<Instant> nextChange, boolean settled) {}

  /** Whether an environment must be reconciled now, from its last pass here and the index. */
  static boolean isDue(Optional<Looked> last, Marks index, Instant now) {
    if (last.isEmpty() || !last.get().settled() || !last.get().marks().equals(index)) {
      return true;
    }
    if (!now.isBefore(last.get().at().plus(DRIFT_CHECK))) {
      return true;
    }
    return last.get().nextChange().map(next -> !now.isBefore(next)).orElse(false);
  }

  /**
   * The environments to reconcile now, in name order; forgets environments the index no longer
   * lists.
   *
   * @param scan the index's specs and desired items
   * @param statusVersions the index's status versions
   */
  public synchronized List<String> due(
      DesiredScan scan, Map<String, Long> statusVersions, Instant now) {
    looked.keySet().retainAll(scan.environments());
    return scan.environments().stream()
        .filter(
            env ->
                isDue(
                    Optional.ofNullable(looked.get(env)),
                    new Marks(
                        scan.specVersionOf(env),
                        scan.desiredOf(env),
                        Optional.ofNullable(statusVersions.get(env))),
                    now))
        .toList();
  }

  /**
   * Remembers a run's passes.
   *
   * @param ran the environments reconciled
   * @param settled those of them that settled
   * @param lastRead what each one's last pass read, with the status it wrote; empty when it was not
   *     kept (the pass wrote the desired item, or a write failed): it is then due again
   * @param at when the run started
   */
  public synchronized void ran(
      Collection<String> ran,
      Collection<String> settled,
      Function<String, Optional<StoredEnvironment>> lastRead,
      Instant at) {
    for (String env : ran) {
      Optional<StoredEnvironment> read = lastRead.apply(env);
      if (read.isEmpty()) {
        looked.remove(env);
        continue;
      }
      StoredEnvironment e = read.get();
      looked.put(
          env,
          new Looked(
              new Marks(
                  Optional.of(e.spec().generation()),
                  e.desired(),
                  e.status().map(StoredStatus::version)),
              at,
              nextChange(e, at),
              settled.contains(env)));
    }
  }

  /**
   * When the environment's effective state next changes, as the reconciler resolves it; {@code at}
   * itself (due at once) when its schedule cannot be compiled, which the reconciler reports.
   */
  private Optional<Instant> nextChange(StoredEnvironment environment, Instant at) {
    try {
      return EffectiveDesired.resolve(
              environment.desired(), EffectiveDesired.schedule(environment, calendars), at)
          .flatMap(Resolution::nextChange);
    } catch (RuntimeException e) {
      return Optional.of(at);
    }
  }
}
