package dev.daybreak.ecssim;

import java.util.List;
import java.util.Optional;

/**
 * Builds and reads the ARNs of the simulated account ({@code arn:aws:ecs:REGION:ACCOUNT:...}).
 *
 * @param region the region in ARNs
 * @param account the account id in ARNs
 */
record Arns(String region, String account) {

  /**
   * A parsed resource ARN of this account and region.
   *
   * @param type {@code cluster}, {@code service}, {@code task} or {@code task-definition}
   * @param path the resource path after the type, split on {@code /}
   */
  record Resource(String type, List<String> path) {}

  String cluster(String name) {
    return prefix() + "cluster/" + name;
  }

  String service(String cluster, String name) {
    return prefix() + "service/" + cluster + "/" + name;
  }

  String task(String cluster, String id) {
    return prefix() + "task/" + cluster + "/" + id;
  }

  /** {@code family:revision}, {@code family} (revision 1) or an ARN, as a task definition ARN. */
  String taskDefinition(String reference) {
    if (reference.startsWith("arn:")) {
      return reference;
    }
    return prefix() + "task-definition/" + (reference.contains(":") ? reference : reference + ":1");
  }

  /** The resource an ARN of this account and region names; empty for any other text. */
  Optional<Resource> parse(String arn) {
    if (!arn.startsWith(prefix())) {
      return Optional.empty();
    }
    String rest = arn.substring(prefix().length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new Resource(rest.substring(0, slash), List.of(rest.substring(slash + 1).split("/"))));
  }

  private String prefix() {
    return "arn:aws:ecs:" + region + ":" + account + ":";
  }
}
