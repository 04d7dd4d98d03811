package dev.daybreak.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.EnvironmentSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where an environment's calls go, from its manifest's cluster ARN and {@code spec.aws}. */
class AwsTargetTest {

  private static EnvironmentSpec spec(String cluster, String aws) {
    return Manifests.parse(
            "t.yaml",
            "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata: {name: shop-eu}\nspec:\n"
                + "  cluster: "
                + cluster
                + "\n"
                + (aws.isEmpty() ? "" : "  aws: " + aws + "\n")
                + "  services: [{name: a}]\n")
        .get(0)
        .spec();
  }

  @Test
  void of_plainNameWithoutAws_isHome() {
    assertThat(AwsTarget.of(spec("dev", ""))).isEqualTo(AwsTarget.home());
    assertThat(AwsTarget.home().isHome()).isTrue();
  }

  @Test
  void of_clusterArn_takesItsRegionAndAccount() {
    AwsTarget target = AwsTarget.of(spec("arn:aws:ecs:eu-west-1:210987654321:cluster/dev", ""));

    assertThat(target.region()).contains("eu-west-1");
    assertThat(target.account()).contains("210987654321");
    assertThat(target.roleArn()).isEmpty();
    assertThat(target.isHome()).isFalse();
  }

  @Test
  void of_awsWithRole_takesTheRolesAccountAndTheExternalId() {
    AwsTarget target =
        AwsTarget.of(
            spec(
                "dev",
                "{region: ap-northeast-1, roleArn: \"arn:aws:iam::210987654321:role/t\","
                    + " externalId: x-1}"));

    assertThat(target)
        .isEqualTo(
            new AwsTarget(
                Optional.of("ap-northeast-1"),
                Optional.of("210987654321"),
                Optional.of("arn:aws:iam::210987654321:role/t"),
                Optional.of("x-1")));
    assertThat(target.regionOr("us-east-1")).isEqualTo("ap-northeast-1");
  }

  @Test
  void sessionName_namesDaybreakAndTheEnvironment_withinStsLimit() {
    assertThat(AssumedRoles.sessionName("shop-eu")).isEqualTo("daybreak-shop-eu");
    assertThat(AssumedRoles.sessionName("x".repeat(63))).hasSize(64).startsWith("daybreak-x");
  }
}
