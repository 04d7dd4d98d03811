package dev.daybreak.ecssim;

import java.util.List;

/**
 * A Describe call's answer: what was found and what was not.
 *
 * @param items what was found, in the order asked
 * @param failures what was not
 */
public record Described<T>(List<T> items, List<Failure> failures) {
  public Described {
    items = List.copyOf(items);
    failures = List.copyOf(failures);
  }
}
