package dev.daybreak.cli;

import dev.daybreak.manifests.ManifestError;
import dev.daybreak.manifests.ManifestException;
import dev.daybreak.manifests.PriceTables;
import dev.daybreak.model.savings.PriceTable;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --prices FILE}: a Fargate price table of one's own instead of the built-in one. */
final class PriceOptions {

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description =
          "A Fargate price table (the format of manifests/prices/fargate.yaml: per region and"
              + " platform, vCPU-hour, GB-hour and storage GB-hour, with their date and source) to"
              + " put savings in dollars with, e.g. with an enterprise discount. Default: the"
              + " built-in table. Env: DAYBREAK_PRICES.")
  Path file;

  /** The table in {@code --prices}, or the built-in one. */
  PriceTable table() {
    if (file == null) {
      return PriceTables.builtIn();
    }
    try {
      return PriceTables.load(file);
    } catch (ManifestException e) {
      throw new CliException(
          ExitCodes.PROBLEM,
          "--prices "
              + file
              + ": "
              + e.errors().stream().map(ManifestError::toString).collect(Collectors.joining("\n")));
    }
  }

  /** Where the prices come from, for people. */
  String source() {
    return file == null ? "built-in" : file.toString();
  }
}
