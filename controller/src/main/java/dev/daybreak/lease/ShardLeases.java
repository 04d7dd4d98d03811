package dev.daybreak.lease;

import dev.daybreak.store.ConflictException;
import dev.daybreak.store.Fence;
import dev.daybreak.store.LeaseRecord;
import dev.daybreak.store.LeaseStore;
import dev.daybreak.store.StoreException;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lease per shard, held by at most one replica; environments are hashed over the shards so
 * replicas share the fleet. Each {@link #tick()} (every retry period) renews held leases, sheds
 * leases above this replica's fair share, and takes free or expired ones up to it.
 *
 * <p>Safety never depends on clocks agreeing across replicas, nor on any wall clock. A candidate
 * takes over a lease only after seeing its record unchanged for the lease duration <em>on its own
 * monotonic time</em>; the holder stops acting once its last successful renewal <em>started</em>
 * more than the renew deadline ago on its monotonic time, or on its wall clock if that says so
 * first (monotonic time stands still while a host is suspended). Wall-clock steps (an NTP
 * correction, a VM resume) therefore neither extend a holder's lease nor shorten a candidate's
 * wait; a forward step at most stops a holder early. Otherwise the wall clock only stamps what is
 * written for humans ({@code renewedAt}, heartbeats) and judges a heartbeat seen for the first
 * time. A renewal always changes the record (its {@code renewedAt} moves forward even when the wall
 * clock stepped back), so a candidate's observation starts after the holder's last renewal began:
 * take-over comes at least {@code leaseDuration - renewDeadline} (5 s) after the holder stopped. A
 * holder paused longer than that (GC, a frozen VM) is stopped by the fence on every status write
 * instead.
 *
 * <p>A replica that stopped acting on a lease because it could not renew it (DynamoDB unreachable
 * past the renew deadline) takes it back at once when it finds the record exactly as it last held
 * it: nobody else has held it since, and it knows it stopped itself. Only a record it did not leave
 * that way waits out the lease duration.
 */
public final class ShardLeases implements Ownership, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShardLeases.class);

  /** The least a renewal moves {@code renewedAt} forward, whatever the wall clock reads. */
  private static final Duration STAMP_STEP = Duration.ofMillis(1);

  private final LeaseStore store;
  private final Clock clock;
  private final Monotonic monotonic;
  private final LeaseSettings settings;
  private final Map<Integer, Held> held = new ConcurrentHashMap<>();
  private final Map<Integer, Observed> observed = new ConcurrentHashMap<>();
  private final List<ShareListener> shareListeners = new CopyOnWriteArrayList<>();
  private final Map<Integer, LeaseRecord> dropped = new ConcurrentHashMap<>();
  private final Map<String, Beat> beats = new HashMap<>();
  private volatile boolean storeReachable;
  private Scheduler.Cancellable nextRound = () -> {};
  private boolean closed;
  private int sharedHeld = -1;

  /** Told how many shards this replica holds whenever that number changes. */
  @FunctionalInterface
  public interface ShareListener {
    /**
     * @param held the shards this replica may act on now
     * @param total how many shards there are
     */
    void shareChanged(int held, int total);
  }

  /**
   * A lease this replica holds and when its last successful renewal (or acquisition) began, in
   * monotonic nanos and on the wall clock.
   */
  private record Held(LeaseRecord lease, long renewedFrom, Instant renewedFromWall) {}

  /**
   * A lease record held by someone else and when (monotonic nanos) this replica first saw it so.
   */
  private record Observed(LeaseRecord lease, long since) {}

  /** Another replica's heartbeat stamp and when (monotonic nanos) it is counted from. */
  private record Beat(Instant at, long since) {}

  /**
   * Leases that measure their durations as time elapsed on {@code clock} ({@link
   * Monotonic#elapsedOn}): for tests on a controlled clock. The composition roots pass the
   * monotonic source their mode binds.
   */
  public ShardLeases(LeaseStore store, Clock clock, LeaseSettings settings) {
    this(store, clock, Monotonic.elapsedOn(clock), settings);
  }

  /**
   * @param clock stamps what is written to the table ({@code renewedAt}, heartbeats)
   * @param monotonic measures the renew deadline and how long a record stood unchanged
   */
  public ShardLeases(LeaseStore store, Clock clock, Monotonic monotonic, LeaseSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.monotonic = Objects.requireNonNull(monotonic, "monotonic");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Tells {@code listener} the number of shards held after the next round, and again after every
   * round (and on {@link #close()}) that changes it. Listeners run on the lease thread and must be
   * quick.
   */
  public synchronized void onShareChanged(ShareListener listener) {
    shareListeners.add(listener);
    sharedHeld = -1;
  }

  /**
   * Runs {@link #tick()} now and every retry period after, timed by {@code scheduler} (give it one
   * of its own in production: a round makes store calls and must not wait behind other tasks; the
   * deterministic simulation gives it the replica's virtual-clock scheduler).
   */
  public synchronized void start(Scheduler scheduler) {
    Objects.requireNonNull(scheduler, "scheduler");
    nextRound = scheduler.schedule(Duration.ZERO, () -> round(scheduler));
  }

  private void round(Scheduler scheduler) {
    tickQuietly();
    synchronized (this) {
      if (!closed) {
        nextRound = scheduler.schedule(settings.retryPeriod(), () -> round(scheduler));
      }
    }
  }

  @Override
  public Optional<Authority> authority(String environment) {
    int shard = Shards.of(environment, settings.shards());
    return valid(shard)
        .map(
            h ->
                new Authority(
                    Optional.of(
                        new Fence(Shards.name(shard, settings.shards()), h.lease().epoch()))));
  }

  /** The shards this replica may act on now. */
  public Set<Integer> heldShards() {
    Set<Integer> shards = new TreeSet<>();
    held.keySet().forEach(s -> valid(s).ifPresent(h -> shards.add(s)));
    return shards;
  }

  /** How many shards there are. */
  public int shards() {
    return settings.shards();
  }

  /** True when the last completed round could write to the table. */
  public boolean storeReachable() {
    return storeReachable;
  }

  /**
   * The lease of {@code shard} if it is held and was renewed within the renew deadline. One past
   * its deadline is dropped at once: acting on the shard again takes a new acquisition, at a new
   * epoch, which the resync sees as a change.
   */
  private Optional<Held> valid(int shard) {
    Held h = held.get(shard);
    if (h == null) {
      return Optional.empty();
    }
    if (pastRenewDeadline(h)) {
      if (held.remove(shard, h)) {
        dropped.put(shard, h.lease());
        LOG.warn(
            "the lease of shard {} was not renewed within {}; stopped acting on it",
            shard,
            settings.renewDeadline());
      }
      return Optional.empty();
    }
    return Optional.of(h);
  }

  /**
   * True once the renew deadline has passed since {@code h}'s last renewal began, on monotonic time
   * <em>or</em> on the wall clock, whichever says so first. Monotonic time alone decides in every
   * case but one: {@link System#nanoTime()} (Linux's CLOCK_MONOTONIC) stands still while the host
   * is suspended, when the rest of the world, and the wall clock on resume, moves on. A wall clock
   * that steps backwards cannot extend the lease; one that jumps forwards only stops the holder
   * early, which is safe, and it takes the untouched lease back at its next round.
   */
  private boolean pastRenewDeadline(Held h) {
    Duration deadline = settings.renewDeadline();
    return monotonic.nanos() - h.renewedFrom() >= deadline.toNanos()
        || !clock.instant().isBefore(h.renewedFromWall().plus(deadline));
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("lease round failed; trying again in {}: {}", settings.retryPeriod(), e.toString());
    }
  }

  /** One round: heartbeat, renew, shed above the fair share, acquire up to it. */
  public synchronized void tick() {
    Instant now = clock.instant();
    long started = monotonic.nanos();
    boolean reachable = false;
    try {
      store.heartbeat(settings.replica(), now);
      reachable = true;
    } catch (StoreException e) {
      LOG.warn("cannot record this replica's heartbeat: {}", e.getMessage());
    }
    renew(now, started);
    int target = fairShare(now);
    shed(target, now);
    acquire(target, now);
    storeReachable = reachable;
    announceShare();
  }

  /** Tells the listeners the number of shards held, if it changed since they were last told. */
  private void announceShare() {
    int now = heldShards().size();
    if (now != sharedHeld) {
      sharedHeld = now;
      shareListeners.forEach(l -> l.shareChanged(now, settings.shards()));
    }
  }

  /**
   * Renews every held lease, stamped with the wall clock but never earlier than just after the
   * stamp it replaces: a renewal must change the record, or a candidate could count it as
   * unchanged.
   */
  private void renew(Instant now, long started) {
    for (Held h : held.values()) {
      int shard = h.lease().shard();
      Instant stamp = later(now, h.lease().renewedAt().plus(STAMP_STEP));
      try {
        held.put(shard, new Held(store.renew(h.lease(), stamp), started, now));
      } catch (ConflictException e) {
        held.remove(shard);
        LOG.warn("lost the lease of shard {}: {}", shard, e.getMessage());
      } catch (StoreException e) {
        if (pastRenewDeadline(h)) {
          held.remove(shard);
          dropped.put(shard, h.lease());
          LOG.warn(
              "could not renew the lease of shard {} within {}; stopped acting on it: {}",
              shard,
              settings.renewDeadline(),
              e.getMessage());
        }
      }
    }
  }

  /**
   * ceil(shards / live replicas). Another replica counts while its heartbeat keeps changing: until
   * this replica has seen it unchanged for the lease duration of monotonic time. A heartbeat seen
   * for the first time counts when its stamp is within the lease duration of this replica's wall
   * clock (so a replica that died long ago is not waited for after a restart); after that the wall
   * clocks no longer matter, and one that stepped (here or there) does not keep a dead replica
   * counted, nor a live one uncounted.
   */
  private int fairShare(Instant now) {
    long live = 1;
    try {
      long nanos = monotonic.nanos();
      long leaseNanos = settings.leaseDuration().toNanos();
      Map<String, Beat> seen = new HashMap<>();
      for (LeaseStore.Heartbeat b : store.heartbeats()) {
        if (b.replica().equals(settings.replica()) || b.at().isEmpty()) {
          continue;
        }
        Instant at = b.at().get();
        Beat last = beats.get(b.replica());
        Beat beat;
        if (last != null && last.at().equals(at)) {
          beat = last;
        } else if (last != null || at.plus(settings.leaseDuration()).isAfter(now)) {
          beat = new Beat(at, nanos);
        } else {
          beat = new Beat(at, nanos - leaseNanos);
        }
        seen.put(b.replica(), beat);
        if (nanos - beat.since() < leaseNanos) {
          live++;
        }
      }
      beats.clear();
      beats.putAll(seen);
    } catch (StoreException e) {
      live = 1;
    }
    return (int) ((settings.shards() + live - 1) / live);
  }

  private void shed(int target, Instant now) {
    while (held.size() > target) {
      int shard = held.keySet().stream().max(Integer::compare).orElseThrow();
      release(held.remove(shard), now);
      LOG.info("released shard {} to another replica (fair share {})", shard, target);
    }
  }

  /**
   * Reads every lease this replica does not hold, so that how long each has stood still is known
   * the moment it is needed, and takes free or expired ones up to {@code target}.
   */
  private void acquire(int target, Instant now) {
    for (int shard = 0; shard < settings.shards(); shard++) {
      if (held.containsKey(shard)) {
        continue;
      }
      try {
        Optional<LeaseRecord> seen = store.read(shard);
        long seenAt = monotonic.nanos();
        boolean free = seen.isEmpty() || seen.get().owner().isEmpty();
        boolean leftByUs = seen.isPresent() && seen.get().equals(dropped.get(shard));
        boolean expired = seen.isPresent() && !leftByUs && expired(seen.get(), seenAt);
        if (held.size() < target && (free || leftByUs || expired)) {
          LeaseRecord lease = store.acquire(shard, settings.replica(), seen, now);
          held.put(shard, new Held(lease, seenAt, now));
          observed.remove(shard);
          dropped.remove(shard);
          LOG.info(
              "acquired the lease of shard {} at epoch {}{}",
              shard,
              lease.epoch(),
              leftByUs
                  ? " back (this replica stopped acting on it when it could not renew it)"
                  : seen.flatMap(LeaseRecord::owner)
                      .map(o -> " from " + o + " (expired)")
                      .orElse(""));
        }
      } catch (ConflictException e) {
        LOG.debug("shard {} was taken first: {}", shard, e.getMessage());
      } catch (StoreException e) {
        LOG.warn("cannot read the lease of shard {}: {}", shard, e.getMessage());
      }
    }
  }

  /**
   * True once {@code lease} has been seen unchanged for the lease duration of monotonic time; its
   * first sighting counts from when the read that returned it completed ({@code seenAt}).
   */
  private boolean expired(LeaseRecord lease, long seenAt) {
    Observed o = observed.get(lease.shard());
    if (o == null || !o.lease().equals(lease)) {
      observed.put(lease.shard(), new Observed(lease, seenAt));
      return false;
    }
    return seenAt - o.since() >= settings.leaseDuration().toNanos();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private void release(Held h, Instant now) {
    try {
      store.release(h.lease(), now);
    } catch (ConflictException | StoreException e) {
      LOG.warn("could not release shard {}: {}", h.lease().shard(), e.getMessage());
    }
  }

  /** Stops renewing and hands every held lease over at once, so others need not wait it out. */
  @Override
  public synchronized void close() {
    closed = true;
    nextRound.cancel();
    Instant now = clock.instant();
    for (Integer shard : Set.copyOf(held.keySet())) {
      release(held.remove(shard), now);
      LOG.info("released the lease of shard {} on shutdown", shard);
    }
    announceShare();
    try {
      store.leave(settings.replica());
    } catch (StoreException e) {
      LOG.warn("could not record that this replica left: {}", e.getMessage());
    }
  }
}
