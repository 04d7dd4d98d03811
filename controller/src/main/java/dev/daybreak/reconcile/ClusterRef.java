package dev.daybreak.reconcile;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECS cluster as a manifest's {@code spec.cluster} or {@code --clusters} names it: a plain name
 * (in the caller's own region and account) or a cluster ARN, which carries its region and account
 * ({@code arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME}, the format in the ECS API reference's
 * "Amazon Resource Names for Amazon ECS").
 *
 * @param region the ARN's region; empty for a plain name
 * @param account the ARN's account; empty for a plain name
 * @param name the cluster's name
 */
public record ClusterRef(Optional<String> region, Optional<String> account, String name) {

  // ECS cluster names: up to 255 letters, digits, hyphens and underscores.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\\d{12}):cluster/([A-Za-z0-9_-]{1,255})");

  public ClusterRef {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(name, "name");
  }

  /**
   * A cluster name or ARN.
   *
   * @throws IllegalArgumentException saying what is valid when {@code text} is neither
   */
  public static ClusterRef parse(String text) {
    if (NAME.matcher(text).matches()) {
      return new ClusterRef(Optional.empty(), Optional.empty(), text);
    }
    Matcher arn = ARN.matcher(text);
    if (arn.matches()) {
      return new ClusterRef(Optional.of(arn.group(1)), Optional.of(arn.group(2)), arn.group(3));
    }
    throw new IllegalArgumentException(
        "expected an ECS cluster name (1 to 255 letters, digits, '-', '_') or a cluster ARN"
            + " (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME) but found '"
            + text
            + "'");
  }

  /** This cluster with {@code region} and {@code account} filled in where it names none. */
  public ClusterRef in(Optional<String> region, Optional<String> account) {
    return new ClusterRef(this.region.or(() -> region), this.account.or(() -> account), name);
  }

  /**
   * Whether both name the same cluster: the same name, and the same region and account where both
   * are known (fill a plain name in with {@link #in} first).
   */
  public boolean sameAs(ClusterRef other) {
    return name.equals(other.name) && agree(region, other.region) && agree(account, other.account);
  }

  private static boolean agree(Optional<String> a, Optional<String> b) {
    return a.isEmpty() || b.isEmpty() || a.equals(b);
  }
}
