package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.EcsError.ClientException;
import static dev.daybreak.ecssim.EcsError.InvalidParameterException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account's task definitions: revisions registered per family (RegisterTaskDefinition, or
 * set-up from a manifest), and those services were created with but nobody registered, which
 * describe as ECS's smallest Fargate task (0.25 vCPU, 512 MiB, Linux x86) with one essential
 * container named after the family, with a health check when the service was given one (<a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html">DescribeTaskDefinition</a>:
 * a family alone names its latest ACTIVE revision; an unknown one is a ClientException "Unable to
 * describe task definition.").
 */
final class SimTaskDefinitions {

  /** ECS: up to 255 letters, numbers, hyphens and underscores. */
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private final Arns arns;
  private final Map<String, TaskDefinitionView> byArn = new HashMap<>();
  private final Map<String, Integer> latest = new HashMap<>();

  SimTaskDefinitions(Arns arns) {
    this.arns = arns;
  }

  TaskDefinitionView register(TaskDefinitionSpec spec, Instant now) {
    if (!FAMILY.matcher(spec.family()).matches()) {
      throw new SimException(
          ClientException,
          "Family contains invalid characters: up to 255 letters (uppercase and lowercase),"
              + " numbers, hyphens, and underscores are allowed.");
    }
    if (spec.containers().isEmpty()) {
      throw new SimException(ClientException, "Container list cannot be empty.");
    }
    String cpu = spec.cpu().orElse(TaskDefinitionSpec.DEFAULT_CPU);
    String memory = spec.memory().orElse(TaskDefinitionSpec.DEFAULT_MEMORY);
    if (!positive(cpu) || !positive(memory)) {
      throw new SimException(
          InvalidParameterException,
          "Invalid 'cpu' or 'memory' setting for task: cpu " + cpu + ", memory " + memory + ".");
    }
    String arch = spec.cpuArchitecture().orElse("X86_64");
    if (!arch.equals("X86_64") && !arch.equals("ARM64")) {
      throw new SimException(
          InvalidParameterException, "runtimePlatform.cpuArchitecture must be X86_64 or ARM64.");
    }
    int revision = latest.merge(spec.family(), 1, Integer::sum);
    TaskDefinitionView view =
        new TaskDefinitionView(
            arns.taskDefinition(spec.family() + ":" + revision),
            spec.family(),
            revision,
            cpu,
            memory,
            arch,
            spec.operatingSystemFamily().orElse("LINUX"),
            spec.ephemeralStorageGib(),
            spec.containers(),
            now);
    byArn.put(view.arn(), view);
    return view;
  }

  /**
   * The task definition {@code reference} names (family, family:revision or ARN).
   *
   * @param implicitHealthCheck for a definition nobody registered that a service uses: whether that
   *     service was given a container health check; empty when no service uses it
   */
  TaskDefinitionView describe(
      String reference,
      Instant now,
      java.util.function.Function<String, Optional<Boolean>> implicitHealthCheck) {
    String arn =
        reference.startsWith("arn:") || reference.contains(":")
            ? arns.taskDefinition(reference)
            : arns.taskDefinition(reference + ":" + latest.getOrDefault(reference, 1));
    TaskDefinitionView found = byArn.get(arn);
    if (found != null) {
      return found;
    }
    Optional<Boolean> used = implicitHealthCheck.apply(arn);
    if (used.isEmpty()) {
      throw new SimException(ClientException, "Unable to describe task definition.");
    }
    String familyRevision = arn.substring(arn.indexOf('/') + 1);
    String family = familyRevision.substring(0, familyRevision.lastIndexOf(':'));
    int revision = Integer.parseInt(familyRevision.substring(familyRevision.lastIndexOf(':') + 1));
    return new TaskDefinitionView(
        arn,
        family,
        revision,
        TaskDefinitionSpec.DEFAULT_CPU,
        TaskDefinitionSpec.DEFAULT_MEMORY,
        "X86_64",
        "LINUX",
        Optional.empty(),
        List.of(TaskDefinitionSpec.container(family, used.get())),
        now);
  }

  private static boolean positive(String number) {
    try {
      return Integer.parseInt(number) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
