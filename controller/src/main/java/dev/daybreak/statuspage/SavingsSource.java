package dev.daybreak.statuspage;

import java.util.Optional;

/**
 * Where the status page's "savings month to date" comes from (issue 18, savings). Until a source is
 * bound the page shows "—" for every environment ({@link #NONE}).
 */
@FunctionalInterface
public interface SavingsSource {

  /** No savings source bound yet: every environment shows "—". */
  SavingsSource NONE = environment -> Optional.empty();

  /** The environment's savings this month so far, as people read it (e.g. "$42.10"), if known. */
  Optional<String> monthToDate(String environment);
}
