package dev.daybreak.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Turns an environment's {@link AwsTarget} into the region and credentials to call it with: the
 * controller's own for its own account and region, an assumed role's ({@link AssumedRoles}) for
 * another account. Shared by the ECS, Elastic Load Balancing and Application Auto Scaling gateways,
 * so a target's clients all use one session.
 */
public final class TargetAccess implements AutoCloseable {

  /** The account of buckets and routes that name none: the controller's own. */
  public static final String HOME_ACCOUNT = "home";

  /**
   * Where calls for one target go.
   *
   * @param region the region to call
   * @param account the account whose quotas the calls spend ({@link #HOME_ACCOUNT} for the
   *     controller's own, when its number is not known)
   * @param roleArn the role assumed, if any
   * @param externalId the external id it is assumed with
   * @param credentials the assumed role's credentials; empty for the controller's own
   */
  public record Route(
      String region,
      String account,
      Optional<String> roleArn,
      Optional<String> externalId,
      Optional<AwsCredentialsProvider> credentials) {

    /** What identifies the clients of this route: region, role and external id. */
    public String clientKey() {
      return region + "|" + roleArn.orElse("") + "|" + externalId.orElse("");
    }

    /** What identifies the quota this route's calls spend: account and region. */
    public String quotaKey() {
      return account + "|" + region;
    }
  }

  private final String homeRegion;
  private final AssumedRoles roles;

  /**
   * @param homeRegion the controller's own region
   * @param roles assumes the targets' roles
   */
  public TargetAccess(String homeRegion, AssumedRoles roles) {
    this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
    this.roles = Objects.requireNonNull(roles, "roles");
  }

  public String homeRegion() {
    return homeRegion;
  }

  /**
   * The route for {@code target}; empty when it is the controller's own region and credentials.
   *
   * @throws AwsAccessException when the target's role cannot be assumed
   */
  public Optional<Route> route(AwsTarget target, String environment) {
    String region = target.regionOr(homeRegion);
    if (target.roleArn().isEmpty() && region.equals(homeRegion)) {
      return Optional.empty();
    }
    Optional<AwsCredentialsProvider> credentials = Optional.empty();
    if (target.roleArn().isPresent()) {
      roles.check(target.roleArn().get(), target.externalId(), region, environment);
      credentials =
          Optional.of(
              roles.provider(target.roleArn().get(), target.externalId(), region, environment));
    }
    String account =
        target.roleArn().isPresent() ? target.account().orElse(HOME_ACCOUNT) : HOME_ACCOUNT;
    return Optional.of(
        new Route(region, account, target.roleArn(), target.externalId(), credentials));
  }

  @Override
  public void close() {
    roles.close();
  }
}
