package dev.daybreak.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  private final List<String> closed = new ArrayList<>();

  private AutoCloseable recorded(String name) {
    return () -> closed.add(name);
  }

  @Test
  void close_closesWhatItOwnsNewestFirst() {
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own("scheduler", recorded("scheduler"));
    lifecycle.own("store", recorded("store"));
    lifecycle.own("notifier", recorded("notifier"));

    lifecycle.close();

    assertThat(closed).containsExactly("notifier", "store", "scheduler");
  }

  @Test
  void close_oneFails_closesTheRestAllTheSame() {
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own("store", recorded("store"));
    lifecycle.own(
        "broken",
        () -> {
          throw new IllegalStateException("boom");
        });
    lifecycle.own("notifier", recorded("notifier"));

    lifecycle.close();

    assertThat(closed).containsExactly("notifier", "store");
  }

  @Test
  void close_twice_closesEachOnce() {
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own("store", recorded("store"));

    lifecycle.close();
    lifecycle.close();

    assertThat(closed).containsExactly("store");
  }

  @Test
  void own_afterClose_isRefused() {
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.close();

    assertThatThrownBy(() -> lifecycle.own("late", recorded("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot own late");
  }
}
