package dev.daybreak.model;

/** The count a service is woken to. */
public sealed interface Replicas {

  /** Always wake to {@code count} tasks. */
  record Fixed(int count) implements Replicas {
    public Fixed {
      if (count < 0) {
        throw new IllegalArgumentException("replicas must be >= 0, was " + count);
      }
    }
  }

  /**
   * Wake to the count the service had when it was put to sleep (saved in status); {@code fallback}
   * when none was saved.
   */
  record Restore(int fallback) implements Replicas {
    public Restore {
      if (fallback < 0) {
        throw new IllegalArgumentException("restore fallback must be >= 0, was " + fallback);
      }
    }
  }

  static Replicas fixed(int count) {
    return new Fixed(count);
  }

  static Replicas restore(int fallback) {
    return new Restore(fallback);
  }
}
