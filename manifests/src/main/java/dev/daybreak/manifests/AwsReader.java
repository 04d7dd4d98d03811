package dev.daybreak.manifests;

import dev.daybreak.model.AwsSpec;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code spec.aws}: the region and the IAM role that reach a cluster outside the controller's
 * own account and region, and checks them against a cluster ARN's region and account.
 */
final class AwsReader {

  static final List<String> FIELDS = List.of("region", "roleArn", "externalId");

  static final String REGION_RULE = "an AWS region such as eu-west-1 or ap-northeast-1";
  static final String ROLE_RULE =
      "an IAM role ARN such as arn:aws:iam::123456789012:role/daybreak-target";

  // STS AssumeRole's ExternalId: 2 to 1224 characters of [\w+=,.@:/-] (the STS API reference).
  static final String EXTERNAL_ID_RULE =
      "2 to 1224 letters, digits and + = , . @ : / - _ (the sts:AssumeRole ExternalId rule)";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecs:([a-z0-9-]+):([0-9]{12}):cluster/.*");

  private AwsReader() {}

  static Optional<AwsSpec> read(Node node) {
    Optional<Fields> mapping = node.mapping(FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<Optional<String>> region =
        fields.read("region", n -> matching(n, REGION, REGION_RULE), Optional.empty());
    Optional<Optional<String>> role =
        fields.read("roleArn", n -> matching(n, AwsSpec.ROLE_ARN, ROLE_RULE), Optional.empty());
    Optional<Optional<String>> externalId =
        fields.read(
            "externalId", n -> matching(n, EXTERNAL_ID, EXTERNAL_ID_RULE), Optional.empty());
    if (region.isEmpty() || role.isEmpty() || externalId.isEmpty()) {
      return Optional.empty();
    }
    if (externalId.get().isPresent() && role.get().isEmpty()) {
      node.child("externalId")
          .error(
              "an external id is sent when assuming a role; add roleArn ("
                  + ROLE_RULE
                  + ") or remove externalId");
      return Optional.empty();
    }
    return Optional.of(new AwsSpec(region.get(), role.get(), externalId.get()));
  }

  /**
   * Reports a region or account of {@code aws} that differs from the one {@code cluster} (an ARN)
   * names: the cluster cannot be in two places.
   *
   * @return whether they agree (always, for a plain cluster name)
   */
  static boolean agrees(String cluster, AwsSpec aws, Node awsNode) {
    Matcher arn = CLUSTER_ARN.matcher(cluster);
    if (!arn.matches()) {
      return true;
    }
    boolean agree = true;
    if (aws.region().isPresent() && !aws.region().get().equals(arn.group(1))) {
      awsNode
          .child("region")
          .error(
              "region '"
                  + aws.region().get()
                  + "' differs from the region of spec.cluster's ARN ('"
                  + arn.group(1)
                  + "'); make them the same, or give spec.cluster as a plain name");
      agree = false;
    }
    if (aws.account().isPresent() && !aws.account().get().equals(arn.group(2))) {
      awsNode
          .child("roleArn")
          .error(
              "the role is in account "
                  + aws.account().get()
                  + " but spec.cluster's ARN is in account "
                  + arn.group(2)
                  + "; use the role daybreak may assume in the cluster's account (the"
                  + " DaybreakTargetAccount stack, deploy/README.md)");
      agree = false;
    }
    return agree;
  }

  private static Optional<Optional<String>> matching(Node node, Pattern pattern, String rule) {
    Optional<String> text = node.string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!pattern.matcher(text.get()).matches()) {
      node.error("'" + Node.shorten(text.get()) + "' is not valid here; use " + rule);
      return Optional.empty();
    }
    return Optional.of(text);
  }
}
