package dev.daybreak.deploy;

import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk.json} runs it, and so can anyone with {@code CDK_OUTDIR} set. The account
 * and region come from {@code CDK_DEFAULT_ACCOUNT}/{@code CDK_DEFAULT_REGION}, which the CDK CLI
 * sets from the AWS profile; without them the stack is environment-agnostic.
 */
public final class DaybreakApp {
  /** The stack's name, and the prefix of the secrets' names ({@code daybreak/slack-...}). */
  public static final String STACK_NAME = "Daybreak";

  private DaybreakApp() {}

  public static void main(String[] args) {
    App app = new App(AppProps.builder().build());
    Optional<Environment> environment =
        environment(System.getenv("CDK_DEFAULT_ACCOUNT"), System.getenv("CDK_DEFAULT_REGION"));
    try {
      if (TargetAccountConfig.requested(app.getNode()::tryGetContext)) {
        targetStack(app, environment);
      } else {
        stack(app, environment);
      }
    } catch (DeployConfigException e) {
      System.err.println("daybreak deploy: " + e.getMessage());
      System.exit(1);
    }
    app.synth();
  }

  /** Defines the stack in {@code app}, from the app's context. */
  public static DaybreakStack stack(App app, Optional<Environment> environment) {
    DeployConfig config = DeployConfig.fromContext(app.getNode()::tryGetContext);
    StackProps.Builder props =
        StackProps.builder()
            .description("daybreak: sleeps ECS dev environments at night, wakes them in order");
    environment.ifPresent(props::env);
    return new DaybreakStack(app, STACK_NAME, props.build(), config);
  }

  /**
   * Defines the {@code DaybreakTargetAccount} stack in {@code app} (a target account's role), from
   * the app's context ({@code -c controllerRoleArn=... -c externalId=... -c targetClusters=...}).
   */
  public static DaybreakTargetAccountStack targetStack(App app, Optional<Environment> environment) {
    TargetAccountConfig config = TargetAccountConfig.fromContext(app.getNode()::tryGetContext);
    StackProps.Builder props =
        StackProps.builder()
            .description("daybreak: the role its controller assumes to act in this account");
    environment.ifPresent(props::env);
    return new DaybreakTargetAccountStack(
        app, DaybreakTargetAccountStack.STACK_NAME, props.build(), config);
  }

  static Optional<Environment> environment(String account, String region) {
    if (account == null || region == null || account.isBlank() || region.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Environment.builder().account(account).region(region).build());
  }
}
