package dev.daybreak.reconcile;

import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.Schedule;
import dev.daybreak.model.schedule.ScheduleException;
import dev.daybreak.model.schedule.StaggerSlot;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves what a pass drives an environment toward: an active manual change, else the schedule at
 * the environment's place in the stagger window ({@link StaggerSlot}), else the stored state. Reads
 * what the decision needs: compiles the schedule with the controller's calendars, adopts a hand
 * edit of the desired item (recorded in the audit as a manual override from now), and sizes the
 * stagger window for the fleet, whose size it reads at most once per {@link #FLEET_SIZE_TTL}. Logs
 * as the pass ({@link EnvironmentReconciler}'s logger).
 */
final class DesiredResolver {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  /** How long the fleet's size, which sizes the default stagger window, is reused. */
  static final Duration FLEET_SIZE_TTL = Duration.ofMinutes(1);

  /** The effective desired state and the environment's place in the stagger window. */
  record Resolved(Resolution resolution, StaggerSlot slot) {}

  private record FleetSize(int environments, Instant readAt) {}

  private final StateStore store;
  private final ControllerSettings settings;
  private final Map<String, String> reportedSchedule = new ConcurrentHashMap<>();
  private volatile FleetSize fleetSize = new FleetSize(0, Instant.MIN);

  DesiredResolver(StateStore store, ControllerSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /** The effective desired state at {@code now}; empty when there is none to drive toward. */
  Optional<Resolved> resolve(StoredEnvironment stored, Instant now) {
    DesiredRead read = stored.desired();
    Optional<Schedule> schedule = schedule(stored);
    Function<Instant, Optional<Resolution>> resolveAt;
    if (read instanceof DesiredRead.Valid valid) {
      StoredDesired current = valid.stored();
      if (valid.handEdited()) {
        current = store.adoptHandEdit(stored.name(), current);
        LOG.info(
            "desired state edited by hand in DynamoDB: {} (recorded in the audit; a manual"
                + " override from now)",
            current.desired().state());
      }
      StoredDesired adopted = current;
      resolveAt = t -> EffectiveDesired.resolve(adopted, schedule, t);
    } else {
      resolveAt = t -> EffectiveDesired.resolve(read, schedule, t);
    }
    Optional<Resolution> atNow = resolveAt.apply(now);
    if (atNow.isEmpty()) {
      LOG.debug("no desired state stored and no schedule; nothing to drive");
      return Optional.empty();
    }
    // A pass whose state neither follows the schedule nor changes by itself has no use for its
    // slot, and need not read the fleet's size: a zero window leaves it unstaggered.
    StaggerSlot slot =
        new StaggerSlot(
            stored.name(),
            StaggerSlot.matters(atNow.get()) ? window(stored.spec().spec(), now) : Duration.ZERO);
    return Optional.of(new Resolved(slot.resolve(atNow.get(), resolveAt, now), slot));
  }

  private Duration window(EnvironmentSpec spec, Instant now) {
    if (settings.staggerWindow().isPresent()) {
      return settings.staggerWindow().get();
    }
    FleetSize fleet = fleetSize;
    if (fleet.readAt().plus(FLEET_SIZE_TTL).isBefore(now)) {
      fleet = new FleetSize(store.environments().size(), now);
      fleetSize = fleet;
    }
    return StaggerSlot.window(spec, fleet.environments());
  }

  /** The compiled schedule; empty (the schedule not acted on) when it cannot be compiled. */
  private Optional<Schedule> schedule(StoredEnvironment stored) {
    try {
      Optional<Schedule> schedule = EffectiveDesired.schedule(stored, settings.calendars());
      reportedSchedule.remove(stored.name());
      return schedule;
    } catch (ScheduleException | IllegalArgumentException e) {
      if (!e.getMessage().equals(reportedSchedule.put(stored.name(), e.getMessage()))) {
        LOG.warn(
            "the schedule cannot be used with this controller's calendars {}, so only manual"
                + " changes are acted on: {}",
            settings.calendars().names(),
            e.getMessage());
      }
      return Optional.empty();
    }
  }
}
