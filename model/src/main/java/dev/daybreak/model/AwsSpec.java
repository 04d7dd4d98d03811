package dev.daybreak.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an environment's cluster lives when it is not in the controller's own account and region: a
 * manifest's {@code spec.aws}.
 *
 * @param region the AWS region of the cluster (e.g. {@code eu-west-1}); empty for the region the
 *     cluster ARN names, else the controller's own
 * @param roleArn the IAM role the controller assumes ({@code sts:AssumeRole}) to act in the
 *     cluster's account; empty to act with the controller's own credentials
 * @param externalId the external id the role's trust policy requires, if any
 */
public record AwsSpec(
    Optional<String> region, Optional<String> roleArn, Optional<String> externalId) {

  /** An IAM role ARN: {@code arn:PARTITION:iam::ACCOUNT:role/PATH/NAME}. */
  public static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");

  public AwsSpec {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(externalId, "externalId");
  }

  /** No {@code spec.aws}: the controller's own account and credentials. */
  public static AwsSpec home() {
    return new AwsSpec(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The account of {@link #roleArn()}, if a role is named. */
  public Optional<String> account() {
    return roleArn().map(ROLE_ARN::matcher).filter(Matcher::matches).map(m -> m.group(1));
  }
}
