package dev.daybreak.cli;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.ManifestError;
import dev.daybreak.manifests.ManifestException;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.store.StoredSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code daybreak apply -f FILE}: validates manifests and stores them. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Validates Environment manifests and stores each as its environment's spec, bumping its"
          + " generation when it changed.",
      "Every file is validated before anything is written: one invalid document writes nothing."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE,
      ExitCodes.CONFLICT_LINE
    })
final class ApplyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin CalendarOptions calendarOptions;
  @Mixin AccountOptions account;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      required = true,
      description = "A manifest file (YAML, several documents allowed). Repeatable.")
  List<Path> files;

  private final CliContext context;

  ApplyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    List<ManifestError> errors = new ArrayList<>();
    Map<String, Manifest> manifests = new LinkedHashMap<>();
    Calendars calendars = calendarOptions.calendars();
    for (Path file : files) {
      try {
        for (Manifest manifest : Manifests.load(file, calendars)) {
          Manifest earlier = manifests.putIfAbsent(manifest.spec().name(), manifest);
          if (earlier != null) {
            errors.add(
                new ManifestError(
                    manifest.source(),
                    0,
                    0,
                    "metadata.name",
                    "environment '"
                        + manifest.spec().name()
                        + "' is also declared in "
                        + earlier.source()
                        + "; each environment must be declared once"));
          }
        }
      } catch (ManifestException e) {
        errors.addAll(e.errors());
      }
    }
    errors.addAll(clustersElsewhere(manifests.values()));
    if (!errors.isEmpty()) {
      errors.forEach(e -> err.println("error: " + e));
      err.println(
          "error: nothing applied: "
              + errors.size()
              + (errors.size() == 1 ? " problem" : " problems")
              + " found");
      return ExitCodes.PROBLEM;
    }
    try (var opened = store.open(context, err)) {
      for (Manifest manifest : manifests.values()) {
        String name = manifest.spec().name();
        Optional<StoredSpec> before = opened.store().spec(name);
        StoredSpec after = opened.store().applySpec(manifest);
        String verb =
            before.isEmpty()
                ? "created"
                : before.get().generation() == after.generation() ? "unchanged" : "configured";
        out.println(
            "environment/" + name + " " + verb + " (generation " + after.generation() + ")");
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Environments on a cluster ARN of another account than {@code --account} that name no role to
   * assume there ({@code spec.aws.roleArn}): the controller's own credentials cannot reach them.
   */
  private List<ManifestError> clustersElsewhere(Iterable<Manifest> manifests) {
    Optional<String> region = store.region();
    Optional<String> home;
    try {
      home = account.account();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ClusterAllowlist here = ClusterAllowlist.any().in(region, home);
    List<ManifestError> errors = new ArrayList<>();
    for (Manifest manifest : manifests) {
      String cluster = manifest.spec().cluster();
      if (here.elsewhere(manifest.spec())) {
        errors.add(
            new ManifestError(
                manifest.source(),
                0,
                0,
                "spec.cluster",
                "environment '"
                    + manifest.spec().name()
                    + "': "
                    + ClusterAllowlist.elsewhereRefusal(
                        cluster, "it cannot be applied", region, home)));
      }
    }
    return errors;
  }
}
