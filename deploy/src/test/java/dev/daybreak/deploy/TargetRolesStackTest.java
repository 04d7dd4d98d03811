package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code -c targetRoles}: the controller's role may {@code sts:AssumeRole} exactly the listed roles
 * of other accounts, and nothing else of STS; without the key it may assume none.
 */
class TargetRolesStackTest {

  static final List<String> ROLES =
      List.of(
          "arn:aws:iam::210987654321:role/daybreak-target",
          "arn:aws:iam::310987654321:role/daybreak-target");

  private static Template withRoles;
  private static Template without;

  @BeforeAll
  static void synthesize() {
    Map<String, Object> context = Synthesis.context("serverless");
    context.put("targetRoles", String.join(",", ROLES));
    withRoles = Synthesis.synthesize("target-roles", context);
    Map<String, Object> none = Synthesis.context("serverless");
    none.remove("targetRoles");
    without = Synthesis.synthesize("no-target-roles", none);
  }

  @Test
  void controllerRole_mayAssumeExactlyTheConfiguredRoles() {
    List<Map<String, Object>> sts =
        Synthesis.statementsOfRole(withRoles, "ReconcileRole").stream()
            .filter(s -> Synthesis.actions(s).stream().anyMatch(a -> a.startsWith("sts:")))
            .toList();

    assertThat(sts).hasSize(1);
    assertThat(Synthesis.actions(sts.get(0))).containsExactly("sts:AssumeRole");
    assertThat(Synthesis.values(sts.get(0), "Resource"))
        .extracting(String::valueOf)
        .containsExactlyInAnyOrderElementsOf(ROLES);
  }

  @Test
  void slackRole_mayAssumeNoRole() {
    assertThat(Synthesis.statementsOfRole(withRoles, "SlackRole"))
        .allSatisfy(s -> assertThat(Synthesis.actions(s)).noneMatch(a -> a.startsWith("sts:")));
  }

  @Test
  void withoutTargetRoles_noStatementNamesSts() {
    assertThat(Synthesis.statements(without))
        .allSatisfy(s -> assertThat(Synthesis.actions(s)).noneMatch(a -> a.startsWith("sts:")));
  }

  @Test
  void targetRoleThatIsNotARoleArn_stopsTheSynthesisNamingTheKey() {
    Map<String, Object> context = Synthesis.context("serverless");
    context.put("targetRoles", "arn:aws:iam::210987654321:user/alice");

    assertThatThrownBy(() -> DeployConfig.fromContext(context::get))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("context 'targetRoles'");
  }
}
