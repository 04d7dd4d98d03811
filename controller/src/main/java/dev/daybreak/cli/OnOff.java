package dev.daybreak.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a switch such as {@code --status-page}: {@code on} or {@code off} (or true/false). */
final class OnOff implements ITypeConverter<Boolean> {

  @Override
  public Boolean convert(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new TypeConversionException("expected on or off but found '" + value + "'");
    };
  }
}
