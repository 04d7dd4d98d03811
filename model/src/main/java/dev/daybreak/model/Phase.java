package dev.daybreak.model;

/** What the controller last concluded about an environment. */
public enum Phase {
  /** Every service at zero. */
  ASLEEP("Asleep"),
  /** Tiers are being scaled up, lowest first. */
  WAKING("Waking"),
  /** Every wanted service is ready. */
  AWAKE("Awake"),
  /** Services are being scaled to zero. */
  SLEEPING("Sleeping"),
  /** Something is wrong (a timeout, a missing service); the controller keeps trying. */
  DEGRADED("Degraded");

  private final String displayName;

  Phase(String displayName) {
    this.displayName = displayName;
  }

  /** The name shown to people: {@code Asleep}, {@code Waking}, ... */
  public String displayName() {
    return displayName;
  }
}
