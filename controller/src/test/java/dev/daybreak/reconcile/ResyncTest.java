package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.lease.Ownership;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DesiredScan;
import dev.daybreak.store.Fence;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResyncTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final List<String> queued = new ArrayList<>();
  private final Map<String, Ownership.Authority> authorities = new HashMap<>();
  private final Resync resync =
      new Resync(store, queued::add, env -> Optional.ofNullable(authorities.get(env)));

  private static Ownership.Authority epoch(long epoch) {
    return new Ownership.Authority(Optional.of(new Fence("0/1", epoch)));
  }

  @BeforeEach
  void twoEnvironments() {
    for (String name : List.of("blue", "green")) {
      store.applySpec(
          Manifests.parse(
                  name + ".yaml",
                  "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata:\n  name: "
                      + name
                      + "\nspec:\n  cluster: dev\n  services:\n    - name: a\n      replicas: 1\n")
              .get(0));
      store.writeDesired(
          name, DesiredState.of(State.AWAKE, "alice", "test", clock.instant()), 0, Via.CLI);
    }
  }

  @Test
  void run_queuesOnlyEnvironmentsOfHeldShards_andUnchangedOnesOnlyOnce() {
    authorities.put("blue", epoch(1));

    assertThat(resync.run()).containsExactly("blue");
    assertThat(resync.run()).isEmpty();
    assertThat(queued).containsExactly("blue");
  }

  @Test
  void run_afterTheShardIsTakenBackAtANewEpoch_queuesItAgainThoughNothingElseChanged() {
    authorities.put("blue", epoch(1));
    resync.run();

    authorities.put("blue", epoch(2));

    assertThat(resync.run()).containsExactly("blue");
  }

  @Test
  void run_afterLosingAndRegainingTheShard_queuesItAgain() {
    authorities.put("green", epoch(1));
    resync.run();
    authorities.remove("green");
    assertThat(resync.run()).isEmpty();

    authorities.put("green", epoch(1));

    assertThat(resync.run()).containsExactly("green");
  }

  @Test
  void run_afterANewApplyOfAnUnchangedDesiredItem_queuesIt() {
    authorities.put("blue", epoch(1));
    resync.run();

    store.applySpec(
        Manifests.parse(
                "blue.yaml",
                "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata:\n  name: blue"
                    + "\nspec:\n  cluster: dev\n  services:\n    - name: a\n      replicas: 2\n")
            .get(0));

    assertThat(resync.run()).containsExactly("blue");
    assertThat(resync.run()).isEmpty();
  }

  @Test
  void run_scansTheStoreOncePerPeriod() {
    AtomicInteger scans = new AtomicInteger();
    StateStore counting =
        new ForwardingStateStore(store) {
          @Override
          public List<String> environments() {
            scans.incrementAndGet();
            return super.environments();
          }

          @Override
          public Map<String, DesiredRead> allDesired() {
            scans.incrementAndGet();
            return super.allDesired();
          }

          @Override
          public DesiredScan scanDesired() {
            scans.incrementAndGet();
            return super.scanDesired();
          }
        };
    Resync counted =
        new Resync(counting, queued::add, env -> Optional.ofNullable(authorities.get(env)));
    authorities.put("blue", epoch(1));
    authorities.put("green", epoch(1));

    assertThat(counted.run()).containsExactly("blue", "green");
    store.writeDesired(
        "green", DesiredState.of(State.ASLEEP, "bob", "test", clock.instant()), 1, Via.CLI);
    assertThat(counted.run()).containsExactly("green");
    assertThat(counted.run()).isEmpty();

    assertThat(scans).hasValue(3);
  }
}
