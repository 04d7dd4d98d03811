package dev.daybreak.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.ManifestError;
import dev.daybreak.manifests.ManifestException;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code daybreak graph [-o text|json] FILE}: the tiers in which each environment wakes. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the tiers in which each environment of a manifest wakes.",
      "Tier 0 has no dependencies; a tier starts only when every service of the tier below is"
          + " ready. Sleep runs through the tiers in reverse (unless sleepOrder is parallel)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed",
      "1:the file is invalid or cannot be read",
      "2:bad command-line usage"
    })
public final class GraphCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the tiers are printed. */
  enum Format {
    /** A readable listing, one tier per line. */
    TEXT,
    /** One JSON object per environment and line: {@code {"environment":..,"tiers":[[..]]}}. */
    JSON
  }

  @Spec private CommandSpec spec;

  @Mixin private CalendarOptions calendarOptions;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "text (default) or json: one object per environment and line.")
  private Format format;

  @Parameters(arity = "1", paramLabel = "FILE", description = "A manifest file (YAML or JSON).")
  private Path file;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Manifest> manifests;
    try {
      manifests = Manifests.load(file, calendarOptions.calendars());
    } catch (ManifestException e) {
      e.errors().stream().map(ManifestError::toString).forEach(err::println);
      err.flush();
      return 1;
    }
    for (int i = 0; i < manifests.size(); i++) {
      EnvironmentSpec environment = manifests.get(i).spec();
      List<List<String>> tiers = DependencyGraph.of(environment.services()).tiers();
      if (format == Format.JSON) {
        out.println(JSON.writeValueAsString(json(environment.name(), tiers)));
      } else {
        if (i > 0) {
          out.println();
        }
        text(environment, tiers, out);
      }
    }
    out.flush();
    return 0;
  }

  private static ObjectNode json(String environment, List<List<String>> tiers) {
    ObjectNode node = JSON.createObjectNode().put("environment", environment);
    ArrayNode array = node.putArray("tiers");
    for (List<String> tier : tiers) {
      ArrayNode names = array.addArray();
      tier.forEach(names::add);
    }
    return node;
  }

  private static void text(EnvironmentSpec environment, List<List<String>> tiers, PrintWriter out) {
    out.printf(
        "%s (cluster %s): %d service(s) in %d tier(s), sleeping %s%n",
        environment.name(),
        environment.cluster(),
        environment.services().size(),
        tiers.size(),
        environment.sleepOrder().name().toLowerCase(Locale.ROOT));
    for (int tier = 0; tier < tiers.size(); tier++) {
      out.printf(
          "  tier %d: %s%n",
          tier,
          tiers.get(tier).stream()
              .map(name -> name + " (" + count(environment.service(name).orElseThrow()) + ")")
              .collect(Collectors.joining(", ")));
    }
  }

  private static String count(ServiceSpec service) {
    if (service.replicas() instanceof Replicas.Restore restore) {
      return "restore, else " + restore.fallback();
    }
    return String.valueOf(((Replicas.Fixed) service.replicas()).count());
  }

  /** Reads {@code text} or {@code json}, in any case. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected text or json, found '" + value + "'");
      }
    }
  }
}
