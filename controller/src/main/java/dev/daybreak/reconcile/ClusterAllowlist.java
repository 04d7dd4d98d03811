package dev.daybreak.reconcile;

import dev.daybreak.model.AwsSpec;
import dev.daybreak.model.EnvironmentSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ECS clusters this controller may act on. deploy/ grants the controller's IAM role ECS
 * permissions on exactly the clusters of its {@code clusters} context and passes the same list in
 * {@value #VARIABLE}; an environment on any other cluster would get AccessDenied from ECS, so it is
 * not scaled at all and its status says which clusters are allowed and how to add one.
 *
 * <p>Clusters are names or ARNs and compare by (region, account, name): an environment's {@code
 * spec.aws} (its region, its role's account) and then the controller's own region and account fill
 * in a plain name. A cluster in another account is allowed only with a role to assume there ({@code
 * spec.aws.roleArn}): the controller's own credentials cannot act in another account's ECS.
 *
 * @param clusters the allowed clusters (names or ARNs); empty when any cluster of the controller's
 *     own region and account is allowed (no list configured)
 * @param region the controller's own region, when known
 * @param account the controller's own account, when known
 */
public record ClusterAllowlist(
    Optional<SortedSet<String>> clusters, Optional<String> region, Optional<String> account) {

  /** The environment variable deploy/ sets (comma-separated cluster names). */
  public static final String VARIABLE = "DAYBREAK_CLUSTERS";

  /** The Degraded condition's reason for an environment on a cluster not in the list. */
  public static final String REASON_CLUSTER_NOT_ALLOWED = "ClusterNotAllowed";

  public ClusterAllowlist {
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    clusters = clusters.map(c -> java.util.Collections.unmodifiableSortedSet(new TreeSet<>(c)));
  }

  /** No list: every cluster is allowed (a controller run by hand, the sandbox, tests). */
  public static ClusterAllowlist any() {
    return new ClusterAllowlist(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * This list in the controller's own {@code region} and {@code account}, which fill in plain names
   * and rule out clusters elsewhere.
   */
  public ClusterAllowlist in(Optional<String> region, Optional<String> account) {
    return new ClusterAllowlist(
        clusters,
        region.filter(r -> !r.isBlank()).map(String::strip),
        account.filter(a -> !a.isBlank()).map(String::strip));
  }

  /**
   * Exactly these clusters.
   *
   * @throws IllegalArgumentException when the list is empty or an item is neither an ECS cluster
   *     name nor a cluster ARN
   */
  public static ClusterAllowlist of(Collection<String> clusters) {
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException(
          "expected at least one ECS cluster name (e.g. dev,staging) but found none");
    }
    clusters.forEach(ClusterRef::parse);
    return new ClusterAllowlist(
        Optional.of(new TreeSet<>(clusters)), Optional.empty(), Optional.empty());
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

  /**
   * Whether environments on {@code cluster} (a name or an ARN) with no {@code spec.aws} may be
   * acted on.
   */
  public boolean allows(String cluster) {
    return allows(cluster, AwsSpec.home());
  }

  /** Whether {@code spec}'s environment may be acted on: its cluster, reached through its role. */
  public boolean allows(EnvironmentSpec spec) {
    return allows(spec.cluster(), spec.aws());
  }

  private boolean allows(String cluster, AwsSpec aws) {
    ClusterRef ref = ClusterRef.parse(cluster).in(aws.region(), aws.account()).in(region, account);
    if (elsewhere(ref, aws)) {
      return false;
    }
    return clusters
        .map(c -> c.stream().map(this::home).anyMatch(allowed -> allowed.sameAs(ref)))
        .orElse(true);
  }

  /**
   * Whether {@code cluster} is an ARN in another account than the controller's own (when known)
   * with no role to assume there: refused whatever the list says.
   */
  public boolean elsewhere(String cluster) {
    return elsewhere(home(cluster), AwsSpec.home());
  }

  /** Whether {@code spec}'s cluster is in another account with no role to reach it. */
  public boolean elsewhere(EnvironmentSpec spec) {
    return elsewhere(
        ClusterRef.parse(spec.cluster())
            .in(spec.aws().region(), spec.aws().account())
            .in(region, account),
        spec.aws());
  }

  private boolean elsewhere(ClusterRef ref, AwsSpec aws) {
    return aws.roleArn().isEmpty()
        && !ref.sameAs(new ClusterRef(ref.region(), account, ref.name()));
  }

  private ClusterRef home(String cluster) {
    return ClusterRef.parse(cluster).in(region, account);
  }

  /**
   * Why an environment on {@code cluster} is not acted on: which clusters are allowed and how to
   * add one.
   */
  public String refusal(String cluster) {
    return refusal(cluster, "no service was scaled");
  }

  /** Why {@code spec}'s environment is not acted on, as {@link #refusal(String)} says it. */
  public String refusal(EnvironmentSpec spec) {
    if (elsewhere(spec)) {
      return elsewhereRefusal(spec.cluster(), "no service was scaled", region, account);
    }
    return refusal(spec.cluster(), "no service was scaled");
  }

  /**
   * Why a request for an environment on {@code cluster} is refused, in the words of {@link
   * #refusal(String)}: which clusters are allowed and how to add one.
   *
   * @param outcome what was therefore not done, e.g. "nothing was written"
   * @throws java.util.NoSuchElementException when every cluster is allowed
   */
  public String refusal(String cluster, String outcome) {
    if (elsewhere(cluster)) {
      return elsewhereRefusal(cluster, outcome, region, account);
    }
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
        + ClusterRef.parse(cluster).name()
        + " (deploy/README.md), which also grants the ECS permissions, or start the controller"
        + " with --clusters / "
        + VARIABLE
        + " including it";
  }

  /**
   * Why {@code cluster}, an ARN in another account than {@code account}, is refused when no role to
   * assume there is named.
   */
  public static String elsewhereRefusal(
      String cluster, String outcome, Optional<String> region, Optional<String> account) {
    ClusterRef ref = ClusterRef.parse(cluster);
    return "ECS cluster '"
        + cluster
        + "' is in account "
        + ref.account().orElse("?")
        + ", but this controller runs in "
        + account.map(a -> "account " + a).orElse("its own account")
        + " and the manifest names no role to assume there, so "
        + outcome
        + "; set spec.aws.roleArn (and externalId) to the role the DaybreakTargetAccount stack"
        + " created in account "
        + ref.account().orElse("?")
        + " (deploy/README.md, manifests/README.md)";
  }
}
