package dev.daybreak.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import dev.daybreak.chatops.ChatOps;
import dev.daybreak.chatops.Commands;
import dev.daybreak.chatops.RawRequest;
import dev.daybreak.chatops.RawResponse;
import dev.daybreak.chatops.RequestGuard;
import dev.daybreak.chatops.SecretsManagerSigningSecretSource;
import dev.daybreak.chatops.SigningSecret;
import dev.daybreak.chatops.SlackApp;
import dev.daybreak.cli.LambdaSettings;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.queue.Reconciler;
import dev.daybreak.reconcile.DueEnvironments;
import dev.daybreak.reconcile.UntilSettled;
import dev.daybreak.runtime.Application;
import dev.daybreak.runtime.Backends;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.savings.WeeklyDigest;
import dev.daybreak.statuspage.StatusPage;
import dev.daybreak.store.DesiredScan;
import dev.daybreak.store.ReplayLedger;
import dev.daybreak.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The controller as an AWS Lambda function ({@code
 * dev.daybreak.lambda.LambdaHandler::handleRequest}, the handler deploy/ configures). A scheduled
 * EventBridge invocation reconciles every environment that is due ({@link DueEnvironments}:
 * changed, unsettled, at a schedule edge, or due its ten-minute drift check) until each settles or
 * shortly before the function's time limit, so a multi-tier wake does not wait one schedule period
 * per tier.
 */
public final class LambdaHandler implements RequestStreamHandler {

  /** Time left for closing (delivering Slack messages) before Lambda's limit. */
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<Map<String, String>, Module> seams;
  private final Map<String, String> environment;

  /**
   * What this execution environment remembers of its scheduled runs, so each run reconciles only
   * the environments that are due (issue 22); created by the first scheduled run.
   */
  private DueEnvironments due;

  /** The handler Lambda instantiates: configuration from the function's environment. */
  public LambdaHandler() {
    this(
        environment -> new ProductionModule(LambdaSettings.read(environment).production()),
        System.getenv());
  }

  /**
   * @param seams given the function's environment, the module that binds the seams ({@link
   *     ProductionModule} in production, the simulator's in tests)
   */
  LambdaHandler(Function<Map<String, String>, Module> seams, Map<String, String> environment) {
    this.seams = seams;
    this.environment = environment;
  }

  /** This invocation's application ({@link LambdaModule}); closing it delivers what is pending. */
  private Application application(LambdaSettings settings) {
    return Application.create(new LambdaModule(settings, seams.apply(environment)));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = JSON.readTree(input);
    if (FunctionUrl.isRequest(event)) {
      JSON.writeValue(
          output,
          FunctionUrl.response(
              FunctionUrl.iamAuthorized(event) ? statusPage(event) : slack(event)));
      return;
    }
    Duration budget = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
    LambdaSettings settings = LambdaSettings.read(environment);
    try (Application app = application(settings)) {
      Backends b = app.backends();
      Reconciler reconciler = app.reconciler();
      if (due == null) {
        due = new DueEnvironments(settings.controller().calendars());
      }
      Instant start = b.clock().instant();
      DesiredScan scan = b.store().scanDesired();
      List<String> dueNow = due.due(scan, b.store().statusVersions(), start);
      UntilSettled.Summary summary =
          new UntilSettled(reconciler, b.clock(), Sleeper.system())
              .run(dueNow, budget.isNegative() ? Duration.ZERO : budget);
      due.ran(dueNow, summary.settled(), app.reads()::lastRead, start);
      app.weeklyDigest().ifPresent(WeeklyDigest::runOnce);
      settings
          .publisher(app.metrics(), b.clock())
          .ifPresent(
              publisher -> {
                try (publisher) {
                  publisher.publish();
                }
              });
      JSON.writeValue(
          output,
          Map.of(
              "trigger",
              trigger(event),
              "summary",
              summary,
              "notDue",
              scan.environments().size() - dueNow.size()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reconciling", e);
    }
  }

  /**
   * A Slack request through the Function URL: the same signature checks and handlers as {@code POST
   * /slack/events} on the embedded server, with two differences for Lambda, which freezes the
   * container once the response is returned and runs each request in any of several containers: the
   * command runs before the response ({@link ChatOps.Delivery#INLINE}), whose body is the reply;
   * and accepted signatures are recorded in the state table ({@link ReplayLedger}), so a replay is
   * refused by every container. Writes go to the store; the next scheduled invocation (or a running
   * controller) acts on them.
   */
  private RawResponse slack(JsonNode event) {
    Optional<SigningSecret> secret =
        SecretsManagerSigningSecretSource.choose(environment).signingSecret();
    if (secret.isEmpty()) {
      return new RawResponse(
          503, Map.of("Content-Type", List.of("text/plain")), "chat-ops is not configured\n");
    }
    LambdaSettings settings = LambdaSettings.read(environment);
    try (Application app = application(settings);
        ChatOps chatOps =
            new ChatOps(
                new Commands(
                    app.backends().store(), settings.chatOps(), app.backends().clock(), env -> {}),
                ChatOps.Delivery.INLINE)) {
      Backends b = app.backends();
      return SlackApp.endpoint(
              secret.get(),
              chatOps,
              b.clock(),
              RequestGuard.DEFAULT_MAX_BODY_BYTES,
              ReplayLedger.on(b.store(), b.clock())::firstSeen)
          .handle(FunctionUrl.request(event));
    }
  }

  /**
   * The status page, for a request through the status page's own Function URL (auth type {@code
   * AWS_IAM}, deploy/'s {@code -c statusPage=true}), rendered for this request alone: no live
   * updates, since Lambda answers one request at a time. Never for a request through Slack's public
   * URL (auth type {@code NONE}), which goes to {@link #slack} whatever its path.
   */
  private RawResponse statusPage(JsonNode event) {
    LambdaSettings settings = LambdaSettings.read(environment);
    if (!settings.statusPage()) {
      return new RawResponse(
          404,
          Map.of("Content-Type", List.of("text/plain")),
          "the status page is off (DAYBREAK_STATUS_PAGE)\n");
    }
    if (!"GET".equals(FunctionUrl.method(event))) {
      return new RawResponse(
          405,
          Map.of("Content-Type", List.of("text/plain"), "Allow", List.of("GET")),
          "only GET\n");
    }
    RawRequest request = FunctionUrl.request(event);
    try (Application app = application(settings)) {
      Backends b = app.backends();
      StatusPage.Response page =
          new StatusPage(
                  b.store(),
                  b.ecs(),
                  b.clock(),
                  settings.calendars(),
                  new SavingsService(b.store(), settings.controller().pricing(), b.clock())
                      ::monthToDate,
                  false)
              .get(request.path(), request.query());
      Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
      page.headers().forEach((k, v) -> headers.put(k, List.of(v)));
      return new RawResponse(page.status(), headers, page.body());
    }
  }

  /** What invoked the function, for its result: the EventBridge rule's detail type, or "direct". */
  private static String trigger(JsonNode event) {
    return event.path("detail-type").asText("direct");
  }
}
