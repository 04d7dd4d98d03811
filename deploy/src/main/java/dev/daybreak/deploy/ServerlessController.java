package dev.daybreak.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * The controller as Lambda functions from the controller's shaded jar: one run every minute by
 * EventBridge (reconciling until the environments settle or shortly before its time limit), one
 * behind a Function URL for Slack's requests.
 */
final class ServerlessController {
  /**
   * The handler in the controller's jar (written in the controller module, {@code
   * dev.daybreak.lambda}). It tells a schedule event from a Function URL request by the event.
   */
  static final String HANDLER = "dev.daybreak.lambda.LambdaHandler::handleRequest";

  /**
   * The scheduled run's limit: the seed's state machine gave a whole wake 300 s; the handler stops
   * taking work shortly before the limit and the next minute's run continues (level-based).
   */
  static final Duration RECONCILE_TIMEOUT = Duration.minutes(5);

  /** Slack expects an answer within 3 s; the rest is the JVM's cold start. */
  static final Duration SLACK_TIMEOUT = Duration.seconds(30);

  /** Enough memory for a JVM and, with it, a proportional CPU share. */
  static final int MEMORY_MB = 1024;

  /**
   * Where the functions find the calendars of {@code -c calendars}: the directory is packaged as a
   * Lambda layer, whose files Lambda puts under {@code /opt}.
   */
  static final String CALENDARS_DIRECTORY = "/opt";

  private ServerlessController() {}

  static void create(
      Construct scope,
      DeployConfig config,
      Map<String, String> environment,
      List<PolicyStatement> reconcilePermissions,
      List<PolicyStatement> slackPermissions,
      List<PolicyStatement> statusPagePermissions,
      Monitoring monitoring) {
    if (!Files.isRegularFile(config.controllerJar())) {
      throw new DeployConfigException(
          "context 'controllerJar': mode=serverless packages the controller's jar, expected at "
              + config.controllerJar().toAbsolutePath()
              + " but there is no such file; build it first with ./mvnw -B install -DskipTests"
              + " from the repository's root");
    }
    Code code = Code.fromAsset(config.controllerJar().toString());
    List<ILayerVersion> layers = calendarsLayer(scope, config).stream().toList();

    Function reconcile =
        function(scope, "Reconcile", code, environment, RECONCILE_TIMEOUT, monitoring)
            .layers(layers)
            .reservedConcurrentExecutions(1)
            .retryAttempts(0)
            .maxEventAge(Duration.minutes(1))
            .role(role(scope, "ReconcileRole", reconcilePermissions))
            .description("daybreak controller: reconciles every environment, every minute")
            .build();
    Rule.Builder.create(scope, "EveryMinute")
        .schedule(Schedule.rate(Duration.minutes(1)))
        .targets(List.of(LambdaFunction.Builder.create(reconcile).retryAttempts(0).build()))
        .build();
    monitoring.alarm(
        scope,
        "ReconcileFunctionErrorsAlarm",
        "The scheduled controller function failed: see its log group.",
        reconcile.metricErrors());

    Function slack =
        function(scope, "Slack", code, environment, SLACK_TIMEOUT, monitoring)
            .layers(layers)
            .role(role(scope, "SlackRole", slackPermissions))
            .description("daybreak Slack endpoint: slash commands and buttons")
            .build();
    // Slack cannot sign AWS requests; the handler verifies Slack's signature on every request.
    FunctionUrl url =
        FunctionUrl.Builder.create(scope, "SlackUrl")
            .function(slack)
            .authType(FunctionUrlAuthType.NONE)
            .build();
    CfnOutput.Builder.create(scope, "SlackRequestUrl")
        .description("Slack app: Request URL for slash commands and interactivity")
        .value(url.getUrl())
        .build();
    if (config.statusPage()) {
      statusPage(scope, code, layers, environment, statusPagePermissions, monitoring);
    }
  }

  /**
   * The status page's function (with {@code -c statusPage=true}): the same jar, read-only
   * permissions, {@code DAYBREAK_STATUS_PAGE=on}, behind a Function URL of its own whose auth type
   * is {@code AWS_IAM}, so only signed requests of principals allowed {@code
   * lambda:InvokeFunctionUrl} reach it. The handler renders the page only for such requests; the
   * Slack function's public URL never serves it.
   */
  private static void statusPage(
      Construct scope,
      Code code,
      List<ILayerVersion> layers,
      Map<String, String> environment,
      List<PolicyStatement> permissions,
      Monitoring monitoring) {
    Map<String, String> on = new java.util.LinkedHashMap<>(environment);
    on.put(ControllerEnvironment.STATUS_PAGE_ENV, "on");
    Function page =
        function(scope, "StatusPage", code, on, SLACK_TIMEOUT, monitoring)
            .layers(layers)
            .role(role(scope, "StatusPageRole", permissions))
            .description("daybreak status page: read-only, for AWS_IAM-signed requests")
            .build();
    FunctionUrl url =
        FunctionUrl.Builder.create(scope, "StatusPageUrl")
            .function(page)
            .authType(FunctionUrlAuthType.AWS_IAM)
            .build();
    CfnOutput.Builder.create(scope, "StatusPageFunctionUrl")
        .description(
            "The status page (AWS_IAM: sign requests with SigV4, service lambda; see deploy/README.md)")
        .value(url.getUrl())
        .build();
  }

  private static Function.Builder function(
      Construct scope,
      String id,
      Code code,
      Map<String, String> environment,
      Duration timeout,
      Monitoring monitoring) {
    return Function.Builder.create(scope, id)
        .runtime(Runtime.JAVA_17)
        .architecture(Architecture.ARM_64)
        .code(code)
        .handler(HANDLER)
        .memorySize(MEMORY_MB)
        .timeout(timeout)
        .environment(environment)
        .logGroup(monitoring.logGroup());
  }

  /** The directory of {@code -c calendars} as a layer, when given. */
  private static Optional<ILayerVersion> calendarsLayer(Construct scope, DeployConfig config) {
    if (config.calendars().isEmpty()) {
      return Optional.empty();
    }
    Path directory = Path.of(config.calendars().get());
    if (!Files.isDirectory(directory)) {
      throw new DeployConfigException(
          "context 'calendars': expected a directory of holiday calendars (NAME.yaml) but "
              + directory.toAbsolutePath()
              + " is not a directory");
    }
    return Optional.of(
        LayerVersion.Builder.create(scope, "Calendars")
            .code(Code.fromAsset(directory.toString()))
            .compatibleRuntimes(List.of(Runtime.JAVA_17))
            .compatibleArchitectures(List.of(Architecture.ARM_64))
            .description("daybreak: holiday calendars of one's own (DAYBREAK_CALENDARS=/opt)")
            .build());
  }

  /** A role of our own: the default one attaches a managed policy with {@code Resource: "*"}. */
  private static Role role(Construct scope, String id, List<PolicyStatement> statements) {
    Role role =
        Role.Builder.create(scope, id)
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .build();
    statements.forEach(role::addToPolicy);
    return role;
  }
}
