package dev.daybreak.cli;

import dev.daybreak.model.selector.LabelSelector;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -l/--selector} and {@code --yes} on {@code wake} and {@code sleep}: change every matching
 * environment, after a confirmation (a picocli mixin).
 */
final class BulkOptions {

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      converter = SelectorConverter.class,
      description = {
        SelectorConverter.DESCRIPTION,
        "Lists the environments and asks before changing them, unless --yes is given."
      })
  LabelSelector selector;

  @Option(
      names = {"-y", "--yes"},
      description =
          "With -l: change every matching environment without asking (needed where nobody can"
              + " be asked: no terminal, scripts, CI).")
  boolean yes;

  Optional<LabelSelector> selector() {
    return Optional.ofNullable(selector);
  }
}
