package dev.daybreak.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Each deployed role's policy, as deploy/ synthesizes it, against the AWS calls daybreak's code
 * made during every IT of this run ({@link RecordingInterceptor}): every call the role's code makes
 * is allowed, and every action the policy grants is one some call uses. Runs in failsafe's own
 * execution after the ITs ({@code iam-policy-check} in it/pom.xml).
 *
 * <p>A narrowed run ({@code -Dit.test=...}) ran only some ITs: it checks that the calls those ITs
 * recorded are allowed, and skips (a JUnit assumption that names the reason) what it cannot judge:
 * unused grants, a role none of its ITs called as, and templates deploy/'s tests did not write
 * because they were skipped. A full run fails on all three.
 *
 * <p>Which calls a role makes: the Fargate task runs {@code daybreak run}, which does everything
 * ({@link AwsCall#CONTROLLER} and {@link AwsCall#CHATOPS}); the scheduled function reconciles
 * ({@link AwsCall#CONTROLLER}); the Slack function answers Slack ({@link AwsCall#CHATOPS}). Calls
 * of a person's CLI commands ({@link AwsCall#OPERATOR}) are made with the person's credentials.
 */
class RecordedCallsPolicyCheck {

  /** The account and region deploy/'s tests synthesize for (deploy/.../Synthesis.java). */
  static final String ACCOUNT = "123456789012";

  static final String REGION = "eu-west-1";

  /**
   * The role of another account deploy/'s tests configure ({@code -c targetRoles}, Synthesis.java);
   * every role the ITs' controller assumed stands for it.
   */
  static final String TARGET_ROLE = "arn:aws:iam::210987654321:role/daybreak-target";

  /** The account, region and first cluster deploy/'s TargetAccountStackTest synthesizes for. */
  static final String TARGET_ACCOUNT = "210987654321";

  static final String TARGET_CLUSTER = "shop";

  /**
   * What the Lambda service does with a function's role: write its logs to the log group ("AWS
   * Lambda permissions: execution role"). No daybreak code calls CloudWatch Logs.
   */
  private static final Set<String> LAMBDA_PLATFORM =
      Set.of("logs:CreateLogStream", "logs:PutLogEvents");

  /** deploy/'s TargetAccountStackTest synthesizes the target stack into this directory. */
  static final String TARGET_ACCOUNT_STACK = "target-account";

  /** One deployed role and the calls it must allow. */
  record Role(String mode, String rolePrefix, Set<String> origins, Set<String> platformActions) {
    @Override
    public String toString() {
      return mode + " " + rolePrefix;
    }
  }

  static Stream<Arguments> roles() {
    return Stream.of(
        Arguments.of(
            new Role(
                "service", "TaskTaskRole", Set.of(AwsCall.CONTROLLER, AwsCall.CHATOPS), Set.of())),
        Arguments.of(
            new Role("serverless", "ReconcileRole", Set.of(AwsCall.CONTROLLER), LAMBDA_PLATFORM)),
        Arguments.of(new Role("serverless", "SlackRole", Set.of(AwsCall.CHATOPS), LAMBDA_PLATFORM)),
        Arguments.of(
            new Role(TARGET_ACCOUNT_STACK, "TargetRole", Set.of(AwsCall.TARGET), Set.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void role_allowsEveryCallItsCodeMade(Role role) throws IOException {
    Fixture fixture = fixture(role);

    assertThat(fixture.calls()).as("calls recorded for %s", role).isNotEmpty();
    assertThat(denied(fixture.check().problems(fixture.calls())))
        .as("calls the deployed %s could not make", role)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void role_grantsNoActionItsCodeNeverCalls(Role role) throws IOException {
    assumeTrue(fullRun(), "only some ITs ran (-Dit.test): unused grants are not judged");
    Fixture fixture = fixture(role);

    assertThat(fixture.check().problems(fixture.calls()))
        .as("what the deployed %s's policy grants beyond its calls", role)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void role_withAnyOneStatementDeleted_failsTheCheck(Role role) throws IOException {
    assumeTrue(fullRun(), "only some ITs ran (-Dit.test): unused grants are not judged");
    Fixture fixture = fixture(role);
    List<IamStatement> statements = fixture.check().policy().statements();
    assertThat(statements).isNotEmpty();

    for (int i = 0; i < statements.size(); i++) {
      List<IamStatement> rest = new ArrayList<>(statements);
      IamStatement removed = rest.remove(i);
      PolicyCheck without =
          new PolicyCheck(
              IamPolicy.builder().version("2012-10-17").statements(rest).build(),
              fixture.check().platformActions());

      assertThat(without.problems(fixture.calls()))
          .as(
              "the check without the statement %s",
              IamPolicy.builder().addStatement(removed).build().toJson())
          .isNotEmpty();
    }
  }

  private record Fixture(PolicyCheck check, List<AwsCall> calls) {}

  private static Fixture fixture(Role role) throws IOException {
    Path cdkOut = Path.of(System.getProperty("daybreak.cdkOut", "../deploy/target/cdk.out"));
    if (!fullRun()) {
      assumeTrue(
          Files.isDirectory(cdkOut.resolve(role.mode())),
          () ->
              "only "
                  + narrowedTo()
                  + " ran (-Dit.test) and deploy/'s tests did not synthesize "
                  + cdkOut.resolve(role.mode()).toAbsolutePath()
                  + ": the policies are checked in a full run");
    }
    SynthesizedStack stack;
    Deployment deployment;
    if (role.mode().equals(TARGET_ACCOUNT_STACK)) {
      // The calls the controller made with a target role's credentials, against the
      // DaybreakTargetAccount stack's role (no table or secrets there).
      stack =
          SynthesizedStack.read(
              cdkOut, TARGET_ACCOUNT_STACK, "DaybreakTargetAccount", REGION, TARGET_ACCOUNT);
      deployment =
          new Deployment(
              CallResources.partition(REGION),
              REGION,
              TARGET_ACCOUNT,
              "none",
              TARGET_CLUSTER,
              List.of(),
              Optional.empty());
    } else {
      stack = SynthesizedStack.read(cdkOut, role.mode(), REGION, ACCOUNT);
      deployment = Deployment.of(stack, Optional.of(TARGET_ROLE));
    }
    Path dir =
        CallLog.directory()
            .orElseThrow(
                () -> new IllegalStateException(CallLog.DIRECTORY_PROPERTY + " is not set"));
    List<AwsCall> calls =
        CallLog.read(dir).stream()
            .filter(c -> role.origins().contains(c.origin()))
            .map(deployment::bind)
            .distinct()
            .toList();
    if (!fullRun()) {
      assumeFalse(
          calls.isEmpty(),
          () ->
              "only "
                  + narrowedTo()
                  + " ran (-Dit.test) and none of it called AWS as "
                  + role
                  + ": its policy is checked in a full run");
    }
    return new Fixture(
        new PolicyCheck(stack.policyOf(stack.role(role.rolePrefix())), role.platformActions()),
        calls);
  }

  private static List<String> denied(List<String> problems) {
    return problems.stream().filter(p -> p.startsWith("denied")).toList();
  }

  private static boolean fullRun() {
    return narrowedTo().isBlank();
  }

  private static String narrowedTo() {
    return System.getProperty("daybreak.itTest", "");
  }
}
