package dev.daybreak.savings;

import dev.daybreak.model.savings.EnvironmentSavings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** How savings read in notifications: dollars to the cent, or task-hours when not priced. */
public final class SavingsText {

  private SavingsText() {}

  /** {@code $1.23}, or {@code 14.0 task-hours (no price for region ...)} when none is priced. */
  public static String amount(EnvironmentSavings s) {
    if (s.noPrice().isPresent() && s.dollars() == 0) {
      return String.format(Locale.ROOT, "%.1f task-hours (%s)", s.taskHours(), s.noPrice().get());
    }
    return String.format(Locale.ROOT, "$%.2f", s.dollars());
  }

  /**
   * The sentence the "asleep" message ends with: what this night is expected to save until the next
   * scheduled wake (when there is one), and the month to date.
   */
  public static String asleep(
      Optional<EnvironmentSavings> tonight,
      Optional<Instant> wakeAt,
      EnvironmentSavings monthToDate,
      LocalDate pricesDate) {
    StringBuilder b = new StringBuilder();
    if (tonight.isPresent() && wakeAt.isPresent()) {
      b.append("expected to save ")
          .append(amount(tonight.get()))
          .append(" until the next wake at ")
          .append(wakeAt.get().truncatedTo(ChronoUnit.SECONDS))
          .append("; ");
    }
    return b.append("saved this month so far: ")
        .append(amount(monthToDate))
        .append(" (Fargate prices of ")
        .append(pricesDate)
        .append(")")
        .toString();
  }
}
