package dev.daybreak.cli;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.ManifestError;
import dev.daybreak.manifests.ManifestException;
import dev.daybreak.manifests.Manifests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak validate FILE...}: checks manifests offline and lists every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks Environment manifests and lists every problem as file:line:column: field: message.",
      "Reads nothing but the files: no AWS account or state store is needed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is valid",
      "1:a file is invalid or cannot be read",
      "2:bad command-line usage"
    })
public final class ValidateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private CalendarOptions calendarOptions;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Manifest files (YAML or JSON).")
  private List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int invalidFiles = 0;
    int problems = 0;
    Calendars calendars = calendarOptions.calendars();
    for (Path file : files) {
      try {
        List<Manifest> manifests = Manifests.load(file, calendars);
        out.println(file + ": " + manifests.size() + " environment(s) valid");
      } catch (ManifestException e) {
        e.errors().stream().map(ManifestError::toString).forEach(err::println);
        invalidFiles++;
        problems += e.errors().size();
      }
    }
    out.flush();
    if (invalidFiles > 0) {
      err.println(problems + " problem(s) in " + invalidFiles + " of " + files.size() + " file(s)");
      err.flush();
      return 1;
    }
    return 0;
  }
}
