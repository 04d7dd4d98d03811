package dev.daybreak.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The ECS clusters this controller may act on. deploy/ grants the controller's IAM role ECS
 * permissions on exactly the clusters of its {@code clusters} context and passes the same list in
 * {@value #VARIABLE}; an environment on any other cluster would get AccessDenied from ECS, so it is
 * not scaled at all and its status says which clusters are allowed and how to add one.
 *
 * @param clusters the allowed cluster names; empty when any cluster is allowed (no list configured)
 */
public record ClusterAllowlist(Optional<SortedSet<String>> clusters) {

  /** The environment variable deploy/ sets (comma-separated cluster names). */
  public static final String VARIABLE = "DAYBREAK_CLUSTERS";

  /** The Degraded condition's reason for an environment on a cluster not in the list. */
  public static final String REASON_CLUSTER_NOT_ALLOWED = "ClusterNotAllowed";

  // ECS cluster names: up to 255 letters, digits, hyphens and underscores.
  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  public ClusterAllowlist {
    Objects.requireNonNull(clusters, "clusters");
    clusters = clusters.map(c -> java.util.Collections.unmodifiableSortedSet(new TreeSet<>(c)));
  }

  /** No list: every cluster is allowed (a controller run by hand, the sandbox, tests). */
  public static ClusterAllowlist any() {
    return new ClusterAllowlist(Optional.empty());
  }

  /**
   * Exactly these clusters.
   *
   * @throws IllegalArgumentException when the list is empty or a name is not an ECS cluster name
   */
  public static ClusterAllowlist of(Collection<String> clusters) {
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException(
          "expected at least one ECS cluster name (e.g. dev,staging) but found none");
    }
    for (String cluster : clusters) {
      if (!CLUSTER_NAME.matcher(cluster).matches()) {
        throw new IllegalArgumentException(
            "expected ECS cluster names (1 to 255 letters, digits, '-', '_') but found '"
                + cluster
                + "'");
      }
    }
    return new ClusterAllowlist(Optional.of(new TreeSet<>(clusters)));
  }

  /**
   * A comma-separated list as {@value #VARIABLE} holds it; blank or absent means any cluster.
   *
   * @param where what the text came from, for the error (e.g. the variable's name)
   * @throws IllegalArgumentException naming {@code where} when a name is not valid
   */
  public static ClusterAllowlist parse(Optional<String> text, String where) {
    if (text.isEmpty() || text.get().isBlank()) {
      return any();
    }
    List<String> names = new ArrayList<>();
    for (String part : text.get().split(",")) {
      if (!part.isBlank()) {
        names.add(part.trim());
      }
    }
    try {
      return of(names);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + "=" + text.get() + ": " + e.getMessage(), e);
    }
  }

  /** Whether environments on {@code cluster} may be acted on. */
  public boolean allows(String cluster) {
    return clusters.map(c -> c.contains(cluster)).orElse(true);
  }

  /**
   * Why an environment on {@code cluster} is not acted on: which clusters are allowed and how to
   * add one.
   */
  public String refusal(String cluster) {
    return refusal(cluster, "no service was scaled");
  }

  /**
   * Why a request for an environment on {@code cluster} is refused, in the words of {@link
   * #refusal(String)}: which clusters are allowed and how to add one.
   *
   * @param outcome what was therefore not done, e.g. "nothing was written"
   * @throws java.util.NoSuchElementException when every cluster is allowed
   */
  public String refusal(String cluster, String outcome) {
    String allowed = String.join(",", clusters.orElseThrow());
    return "ECS cluster '"
        + cluster
        + "' is not one this controller may act on (allowed: "
        + allowed
        + "), so "
        + outcome
        + "; to add it, deploy again with -c clusters="
        + allowed
        + ","
        + cluster
        + " (deploy/README.md), which also grants the ECS permissions, or start the controller"
        + " with --clusters / "
        + VARIABLE
        + " including it";
  }
}
