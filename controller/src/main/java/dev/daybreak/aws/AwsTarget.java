package dev.daybreak.aws;

import dev.daybreak.model.AwsSpec;
import dev.daybreak.model.EnvironmentSpec;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and as whom the controller calls AWS for one environment: the cluster's region and the role
 * to assume in its account, from the manifest's {@code spec.aws} and cluster ARN. Environments with
 * equal targets share clients, credentials and (per account and region) ECS throttling buckets.
 *
 * @param region the region; empty for the controller's own
 * @param account the account; empty for the controller's own (or the role's, when unknown)
 * @param roleArn the role to assume; empty for the controller's own credentials
 * @param externalId the external id to assume it with
 */
public record AwsTarget(
    Optional<String> region,
    Optional<String> account,
    Optional<String> roleArn,
    Optional<String> externalId) {

  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecs:([a-z0-9-]+):([0-9]{12}):cluster/.*");

  public AwsTarget {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(externalId, "externalId");
  }

  /** The controller's own region and credentials. */
  public static AwsTarget home() {
    return new AwsTarget(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Where {@code spec}'s cluster is: {@code spec.aws}, else its cluster ARN, else home. */
  public static AwsTarget of(EnvironmentSpec spec) {
    AwsSpec aws = spec.aws();
    Matcher arn = CLUSTER_ARN.matcher(spec.cluster());
    boolean isArn = arn.matches();
    Optional<String> region =
        aws.region().or(() -> isArn ? Optional.of(arn.group(1)) : Optional.empty());
    Optional<String> account =
        aws.account().or(() -> isArn ? Optional.of(arn.group(2)) : Optional.empty());
    return new AwsTarget(region, account, aws.roleArn(), aws.externalId());
  }

  /** Whether this is the controller's own region and credentials (nothing to route). */
  public boolean isHome() {
    return region.isEmpty() && roleArn.isEmpty();
  }

  /** This target's region, or {@code home} for the controller's own. */
  public String regionOr(String home) {
    return region.orElse(home);
  }
}
