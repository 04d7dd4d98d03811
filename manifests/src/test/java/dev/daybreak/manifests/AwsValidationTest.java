package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.AwsSpec;
import dev.daybreak.model.EnvironmentSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code spec.aws} and cluster ARNs: another region or account, and the role that reaches it. */
class AwsValidationTest {

  private static final String ROLE = "arn:aws:iam::210987654321:role/daybreak-target";

  /** A document on {@code cluster} whose given lines start at line 6, indented under spec. */
  private static String spec(String cluster, String lines) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec:
          cluster: %s
        """
            .formatted(cluster)
        + lines.indent(2)
        + "  services: [{name: a}]\n";
  }

  private static EnvironmentSpec parse(String yaml) {
    return Manifests.parse("x.yaml", yaml).get(0).spec();
  }

  @Test
  void aws_withPlainClusterName_isRead() {
    EnvironmentSpec spec =
        parse(
            spec(
                "dev",
                """
                aws:
                  region: eu-west-1
                  roleArn: %s
                  externalId: shop-dev-7f3a
                """
                    .formatted(ROLE)));

    assertThat(spec.aws())
        .isEqualTo(
            new AwsSpec(Optional.of("eu-west-1"), Optional.of(ROLE), Optional.of("shop-dev-7f3a")));
    assertThat(spec.aws().account()).contains("210987654321");
  }

  @Test
  void noAws_isTheControllersOwnAccount() {
    assertThat(parse(spec("dev", "")).aws()).isEqualTo(AwsSpec.home());
  }

  @Test
  void clusterArn_withAgreeingAws_isRead() {
    EnvironmentSpec spec =
        parse(
            spec(
                "arn:aws:ecs:eu-west-1:210987654321:cluster/dev",
                "aws: {region: eu-west-1, roleArn: \"%s\"}\n".formatted(ROLE)));

    assertThat(spec.aws().region()).contains("eu-west-1");
    assertThat(spec.cluster()).isEqualTo("arn:aws:ecs:eu-west-1:210987654321:cluster/dev");
  }

  @Test
  void awsRegion_differentFromClusterArn_isRejectedAtTheRegion() {
    ManifestError error =
        onlyError(
            spec("arn:aws:ecs:eu-west-1:210987654321:cluster/dev", "aws:\n  region: us-east-1\n"));

    assertError(
        error,
        7,
        13,
        "spec.aws.region",
        "'us-east-1'",
        "region of spec.cluster's ARN ('eu-west-1')");
  }

  @Test
  void roleAccount_differentFromClusterArn_isRejectedAtTheRole() {
    ManifestError error =
        onlyError(
            spec(
                "arn:aws:ecs:eu-west-1:123456789012:cluster/dev",
                "aws:\n  roleArn: %s\n".formatted(ROLE)));

    assertError(
        error,
        7,
        14,
        "spec.aws.roleArn",
        "account 210987654321",
        "ARN is in account 123456789012",
        "DaybreakTargetAccount");
  }

  @Test
  void externalId_withoutRole_isRejected() {
    ManifestError error = onlyError(spec("dev", "aws:\n  externalId: shop-dev-7f3a\n"));

    assertError(error, 7, 17, "spec.aws.externalId", "add roleArn");
  }

  @Test
  void roleArn_ofAUser_isRejectedWithTheRule() {
    ManifestError error =
        onlyError(spec("dev", "aws:\n  roleArn: arn:aws:iam::210987654321:user/alice\n"));

    assertError(error, 7, 14, "spec.aws.roleArn", "is not valid here", "IAM role ARN");
  }

  @Test
  void region_thatIsNotOne_isRejectedWithTheRule() {
    ManifestError error = onlyError(spec("dev", "aws:\n  region: Europe\n"));

    assertError(error, 7, 13, "spec.aws.region", "'Europe'", "eu-west-1");
  }

  @Test
  void unknownAwsField_isRejected() {
    ManifestError error = onlyError(spec("dev", "aws:\n  account: \"210987654321\"\n"));

    assertThat(error.path()).isEqualTo("spec.aws.account");
  }
}
