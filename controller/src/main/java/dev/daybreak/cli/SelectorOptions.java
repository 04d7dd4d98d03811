package dev.daybreak.cli;

import dev.daybreak.model.selector.LabelSelector;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -l/--selector} on {@code get} (a picocli mixin). */
final class SelectorOptions {

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      converter = SelectorConverter.class,
      description = SelectorConverter.DESCRIPTION)
  LabelSelector selector;

  Optional<LabelSelector> selector() {
    return Optional.ofNullable(selector);
  }
}
