package dev.daybreak.reconcile;

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
 * <p>Clusters are names or ARNs and compare by (region, account, name): the controller's own region
 * and account fill in a plain name. A cluster in another region or account is never allowed: the
 * controller acts in one account and region (multi-account support is issue 21).
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

  /** Whether environments on {@code cluster} (a name or an ARN) may be acted on. */
  public boolean allows(String cluster) {
    ClusterRef ref = home(cluster);
    if (elsewhere(ref)) {
      return false;
    }
    return clusters
        .map(c -> c.stream().map(this::home).anyMatch(allowed -> allowed.sameAs(ref)))
        .orElse(true);
  }

  /**
   * Whether {@code cluster} is an ARN in another region or account than the controller's own (when
   * known): refused whatever the list says.
   */
  public boolean elsewhere(String cluster) {
    return elsewhere(home(cluster));
  }

  private boolean elsewhere(ClusterRef ref) {
    return !ref.sameAs(new ClusterRef(region, account, ref.name()));
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
   * Why {@code cluster}, an ARN in another region or account than {@code region}/{@code account},
   * is refused.
   */
  public static String elsewhereRefusal(
      String cluster, String outcome, Optional<String> region, Optional<String> account) {
    ClusterRef ref = ClusterRef.parse(cluster);
    return "ECS cluster '"
        + cluster
        + "' is in region "
        + ref.region().orElse("?")
        + " of account "
        + ref.account().orElse("?")
        + ", but this controller acts only in "
        + region.map(r -> "region " + r).orElse("its own region")
        + account.map(a -> " of account " + a).orElse(" and account")
        + " (multi-account support is issue 21), so "
        + outcome
        + "; use a cluster of this region and account, or run a controller in that one";
  }
}
