package dev.daybreak.cli;

import dev.daybreak.config.Setting;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every flag listed in {@link Setting} its environment variable as default, from one map of
 * variables (the process's, or a Lambda function's), so every mode reads a setting the same way. A
 * blank variable counts as unset; an unset one leaves the option's own default.
 */
final class SettingDefaults implements IDefaultValueProvider {

  private final Map<String, String> environment;

  SettingDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    return Setting.ofOption(option.longestName())
        .map(setting -> environment.get(setting.variable()))
        .filter(value -> !value.isBlank())
        .map(String::strip)
        .orElse(null);
  }
}
