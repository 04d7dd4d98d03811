package dev.daybreak.cli;

import dev.daybreak.model.selector.LabelSelector;
import dev.daybreak.model.selector.SelectorException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code -l/--selector}: a usage error names the column and what would be valid. */
final class SelectorConverter implements ITypeConverter<LabelSelector> {

  /** The option's description, shared by every command that takes it. */
  static final String DESCRIPTION =
      "Only environments whose metadata.labels match this Kubernetes label selector:"
          + " team=shop, tier!=dev, 'team in (shop,pay)', 'tier notin (dev)', team (has the"
          + " label), '!team' (has not); commas join requirements that must all hold.";

  @Override
  public LabelSelector convert(String value) {
    try {
      return LabelSelector.parse(value);
    } catch (SelectorException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
