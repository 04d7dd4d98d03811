package dev.daybreak.statuspage;

import java.util.Optional;

/**
 * Where the status page's "savings month to date" comes from ({@code SavingsService::monthToDate}
 * in every mode); "—" where it knows none ({@link #NONE} knows none).
 */
@FunctionalInterface
public interface SavingsSource {

  /** No savings source bound yet: every environment shows "—". */
  SavingsSource NONE = environment -> Optional.empty();

  /** The environment's savings this month so far, as people read it (e.g. "$42.10"), if known. */
  Optional<String> monthToDate(String environment);
}
