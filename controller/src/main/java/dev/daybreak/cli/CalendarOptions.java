package dev.daybreak.cli;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.ManifestError;
import dev.daybreak.manifests.ManifestException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --calendars DIR}: holiday calendars of one's own beside the built-in ones. */
final class CalendarOptions {

  @Option(
      names = "--calendars",
      paramLabel = "DIR",
      description =
          "A directory of holiday calendars (NAME.yaml, the format of manifests/calendars) that"
              + " schedules may name besides the built-in ones; a file replaces a built-in"
              + " calendar of the same name. Env: DAYBREAK_CALENDARS.")
  Path directory;

  /** The built-in calendars, and those in {@code --calendars} when given. */
  Calendars calendars() {
    if (directory == null) {
      return Calendars.builtIn();
    }
    try {
      return Calendars.builtInAnd(directory);
    } catch (ManifestException e) {
      throw new CliException(
          ExitCodes.PROBLEM,
          "--calendars "
              + directory
              + ": "
              + e.errors().stream().map(ManifestError::toString).collect(Collectors.joining("\n")));
    }
  }
}
