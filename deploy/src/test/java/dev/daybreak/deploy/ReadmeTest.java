package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/README.md names only settings the code reads: its variables are the controller's ({@link
 * Setting}), its table of what the controller is given is exactly what the stack may set, and its
 * configuration table is exactly the context the app reads.
 */
class ReadmeTest {

  private static final Pattern VARIABLE = Pattern.compile("\\b(DAYBREAK_[A-Z_]+|SLACK_[A-Z_]+)\\b");
  private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Za-z_]+)` \\|");

  private static String readme() throws IOException {
    return Files.readString(Path.of("README.md"));
  }

  /** The text between a heading and the next heading of its level or above. */
  private static String section(String text, String heading) {
    int start = text.indexOf("\n## " + heading + "\n");
    assertThat(start).as("README section '%s'", heading).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private static Set<String> rows(String section) {
    Set<String> rows = new TreeSet<>();
    Matcher row = TABLE_ROW.matcher(section);
    while (row.find()) {
      rows.add(row.group(1));
    }
    return rows;
  }

  @Test
  void everyVariableItNames_isOneTheControllerReads() throws IOException {
    Set<String> known =
        Arrays.stream(Setting.values()).map(Setting::variable).collect(Collectors.toSet());
    Matcher variable = VARIABLE.matcher(readme());
    Set<String> named = new TreeSet<>();
    while (variable.find()) {
      named.add(variable.group(1));
    }
    assertThat(named).isNotEmpty();
    assertThat(named).as("variables deploy/README.md names").isSubsetOf(known);
  }

  @Test
  void tableOfWhatTheControllerIsGiven_isExactlyWhatTheStackSets() throws IOException {
    Set<String> theStacks =
        Arrays.stream(Setting.values())
            .filter(s -> s.audience() == Setting.Audience.STACK)
            .map(Setting::variable)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(rows(section(readme(), "What the controller is given"))).isEqualTo(theStacks);
  }

  @Test
  void targetAccountTable_isExactlyTheContextTheTargetStackReads() throws IOException {
    assertThat(rows(section(readme(), "Other accounts: the `DaybreakTargetAccount` stack")))
        .isEqualTo(new TreeSet<>(TargetAccountConfig.CONTEXT_KEYS));
  }

  @Test
  void configurationTable_isExactlyTheContextTheAppReads() throws IOException {
    assertThat(rows(section(readme(), "Configuration")))
        .isEqualTo(new TreeSet<>(DeployConfig.CONTEXT_KEYS));
  }
}
