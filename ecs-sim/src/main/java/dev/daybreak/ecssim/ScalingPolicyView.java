package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A scaling policy as DescribeScalingPolicies shows it. The simulator stores a policy and shows it
 * back; it does not evaluate metrics, so a policy never triggers scaling by itself (the min and max
 * bounds are enforced as if one did, see {@link SimAutoScaling}).
 *
 * @param name PolicyName
 * @param arn PolicyARN
 * @param resourceId the target's ResourceId
 * @param type PolicyType
 * @param configurationMember which request member held the configuration, if any
 * @param configurationJson that member's JSON, shown back as given
 * @param createdAt CreationTime
 */
public record ScalingPolicyView(
    String name,
    String arn,
    String resourceId,
    String type,
    Optional<String> configurationMember,
    Optional<String> configurationJson,
    Instant createdAt) {

  public ScalingPolicyView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(configurationMember, "configurationMember");
    Objects.requireNonNull(configurationJson, "configurationJson");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
