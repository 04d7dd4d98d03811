package dev.daybreak.cli;

import dev.daybreak.chatops.SecretsManagerSigningSecretSource;
import dev.daybreak.chatops.ThreadLinks;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.http.HttpEndpoints;
import dev.daybreak.http.Readiness;
import dev.daybreak.lease.LeaseSettings;
import dev.daybreak.lease.ShardLeases;
import dev.daybreak.metrics.CloudWatchPublisher;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.production.LeasesModule;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.production.RunningController;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.runtime.Application;
import dev.daybreak.runtime.Backends;
import dev.daybreak.runtime.ControllerModule;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.savings.WeeklyDigest;
import dev.daybreak.slack.SecretSource;
import dev.daybreak.slack.SecretSources;
import dev.daybreak.statuspage.StatusPage;
import dev.daybreak.statuspage.StatusPageHandler;
import dev.daybreak.store.StateStore;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daybreak run}: the long-running controller. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the controller until it is stopped (SIGTERM or Ctrl-C): reads every desired item each"
          + " resync, wakes environments tier by tier and puts them to sleep in reverse, and"
          + " announces each transition in Slack (or the log, without SLACK_BOT_TOKEN).",
      "On shutdown, passes in flight finish and pending Slack messages are delivered first."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE, ExitCodes.STORE_LINE})
final class RunCommand implements Callable<Integer> {

  /** How long the shutdown hook waits for the controller to stop gracefully. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(45);

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin EcsOptions ecs;
  @Mixin SlackOptions slack;
  @Mixin ChatOpsOptions chatOps;
  @Mixin DryRunOptions dryRun;

  @Option(
      names = "--resync",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.Positive.class,
      description =
          "How often every desired item is read. Env: DAYBREAK_RESYNC. Default: ${DEFAULT-VALUE}.")
  Duration resync;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Environments reconciled at once. Env: DAYBREAK_WORKERS. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(
      names = "--stagger-window",
      paramLabel = "DURATION",
      converter = DurationConverter.NonNegative.class,
      description =
          "Spread the starts of environments sharing a schedule edge over this window."
              + " Env: DAYBREAK_STAGGER_WINDOW. Default: enough for ECS's UpdateService quota of 5"
              + " calls/s across the fleet.")
  Duration staggerWindow;

  @Mixin CalendarOptions calendars;

  @Mixin PriceOptions prices;
  @Mixin ClusterOptions clusters;
  @Mixin MetricsOptions cloudWatch;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "text or json (one JSON object a line, with environment, generation and pass fields)."
              + " Env: DAYBREAK_LOG_FORMAT. Default: text.")
  LogFormat logFormat;

  @Option(
      names = "--shards",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Environments are hashed over N shards, each with a lease in the table; replicas share"
              + " the shards. The same on every replica. Env: DAYBREAK_SHARDS. Default:"
              + " ${DEFAULT-VALUE} (one leader).")
  int shards;

  @Option(
      names = "--replica-id",
      paramLabel = "ID",
      description =
          "This replica's id among those sharing the table (letters, digits, '.', '_', '-')."
              + " Env: DAYBREAK_REPLICA_ID. Default: $HOSTNAME and the process id.")
  String replicaId;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Serve /healthz, /readyz and /metrics (Prometheus), and /slack/events when"
              + " SLACK_SIGNING_SECRET is set, on this port (0: a free one, printed at start)."
              + " Env: DAYBREAK_HTTP_PORT.")
  Integer httpPort;

  @Option(
      names = "--status-page",
      paramLabel = "on|off",
      arity = "1",
      defaultValue = "on",
      converter = OnOff.class,
      description =
          "The read-only status page at / of the --http-port (environments, tier progress,"
              + " schedules; live over /events), bound where --http-address binds."
              + " Env: DAYBREAK_STATUS_PAGE. Default: on.")
  boolean statusPage;

  @Option(
      names = "--slack-socket-mode",
      description =
          "Also serve chat-ops over Slack's Socket Mode (an outbound WebSocket; no public URL"
              + " needed), with the app-level token in SLACK_APP_TOKEN."
              + " Env: DAYBREAK_SLACK_SOCKET_MODE (true).")
  boolean socketMode;

  @Option(
      names = "--http-address",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "The address the HTTP server binds (0.0.0.0 in a container). Env: DAYBREAK_HTTP_ADDRESS."
              + " Default: ${DEFAULT-VALUE}.")
  String httpAddress;

  private final CliContext context;

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Optional.ofNullable(logFormat).ifPresent(LogFormat::apply);
    ControllerSettings settings = settings();
    LeaseSettings leaseSettings = leaseSettings();
    GatewaySettings gateway = ecs.gateway();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              awaitQuietly(stopped);
            },
            "daybreak-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    StoreOptions.Opened opened = store.open(context, spec.commandLine().getErr());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    SecretSource slackSecrets = SecretSources.fromSystem();
    try (RunningController running =
        Application.create(
            RunningController.class,
            new ProductionModule(
                dryRun.config(
                    new ProductionModule.Config(
                        opened.store(),
                        opened,
                        ecs.endpoint(store.region()),
                        ecs.scalingEndpoint(store.region()),
                        slack.settings(),
                        slackSecrets,
                        meters,
                        Optional.empty(),
                        gateway),
                    out)),
            new ControllerModule(settings),
            new LeasesModule(leaseSettings))) {
      Application app = running.application();
      Backends acting = app.backends();
      Controller controller = app.controller();
      Supplier<ThreadLinks> links = links(running.realStore(), acting, slackSecrets);
      app.own(
          "HTTP server",
          http(out, meters, running.leases(), acting, controller, settings.clusters(), links));
      if (socketMode) {
        app.own(
            "Socket Mode",
            chatOps.socketMode(
                spec,
                acting.store(),
                controller::trigger,
                settings.clusters(),
                context,
                System.getenv(),
                slack.settings().apiUrl(),
                links,
                out));
      }
      app.own("CloudWatch publisher", publishing(acting, app.metrics(), out));
      app.own("weekly digest", weeklyDigest(app));
      running.start();
      out.println(
          "daybreak controller running as replica "
              + leaseSettings.replica()
              + " over "
              + leaseSettings.shards()
              + " shard(s)"
              + (dryRun.enabled ? " as a DRY RUN: nothing is written, calls are announced" : "")
              + "; stop with Ctrl-C or SIGTERM");
      out.flush();
      stop.await();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      stopped.countDown();
    }
    return ExitCodes.OK;
  }

  /**
   * Sends the weekly savings digest (spec.notify.slack.digest: weekly) through the Slack notifier,
   * when there is one; a dry run sends none. The handle stops it.
   */
  private AutoCloseable weeklyDigest(Application app) {
    if (dryRun.enabled) {
      return () -> {};
    }
    return app.weeklyDigest().<AutoCloseable>map(WeeklyDigest::start).orElse(() -> {});
  }

  /**
   * Publishes the Degraded count to CloudWatch every minute when {@code --metrics-namespace} is
   * set, and once more on the way out; the handle stops it. A dry run publishes nothing.
   */
  private AutoCloseable publishing(Backends backends, ReconcileMetrics metrics, PrintWriter out) {
    if (dryRun.enabled) {
      return () -> {};
    }
    Optional<CloudWatchPublisher> publisher =
        cloudWatch.publisher(metrics, store.region(), backends.clock(), out);
    if (publisher.isEmpty()) {
      return () -> {};
    }
    publisher.get().start(backends.scheduler());
    return () -> {
      try (CloudWatchPublisher p = publisher.get()) {
        p.publish();
      }
    };
  }

  /**
   * Thread links for chat-ops replies, over the real store (a dry run's announces in threads of its
   * own) and the controller's clock and scheduler.
   */
  private Supplier<ThreadLinks> links(StateStore real, Backends backends, SecretSource secrets) {
    return () ->
        ChatOpsOptions.threadLinks(
            real, slack.settings(), secrets, backends.clock(), backends.scheduler());
  }

  private AutoCloseable http(
      PrintWriter out,
      PrometheusMeterRegistry meters,
      ShardLeases leases,
      Backends acting,
      Controller controller,
      ClusterAllowlist clusters,
      Supplier<ThreadLinks> links)
      throws IOException {
    if (httpPort == null) {
      return () -> {};
    }
    HttpEndpoints endpoints =
        HttpEndpoints.start(httpAddress, httpPort, meters::scrape, () -> readiness(leases));
    StateStore store = acting.store();
    String base = "http://" + httpAddress + ":" + endpoints.port();
    out.println("serving " + base + "/healthz, " + base + "/readyz and " + base + "/metrics");
    StatusPageHandler page =
        new StatusPageHandler(
            new StatusPage(
                store,
                acting.ecs(),
                acting.clock(),
                calendars.calendars(),
                new SavingsService(store, settings().pricing(), acting.clock())::monthToDate,
                true));
    if (statusPage) {
      endpoints.mount("/", page);
      out.println("status page: " + base + "/");
    }
    AutoCloseable chat =
        chatOps.mount(
            endpoints,
            store,
            controller::trigger,
            clusters,
            context,
            SecretsManagerSigningSecretSource.choose(System.getenv()),
            links,
            out);
    return () -> {
      try (endpoints;
          page) {
        chat.close();
      }
    };
  }

  /** Ready when the table answered the last lease round, whether shards are held or not. */
  static Readiness readiness(ShardLeases leases) {
    if (!leases.storeReachable()) {
      return Readiness.notReady("not ready: the state table did not answer the last lease round");
    }
    Set<Integer> held = leases.heldShards();
    return Readiness.ready(
        held.isEmpty()
            ? "ready: standing by, no shard held (of " + leases.shards() + ")"
            : "ready: holding shards " + held + " of " + leases.shards());
  }

  private ControllerSettings settings() {
    try {
      return new ControllerSettings(
              resync, workers, Optional.ofNullable(staggerWindow), calendars.calendars())
          .withClusters(clusters.allowlist(store.region()))
          .withPrices(prices.table());
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private LeaseSettings leaseSettings() {
    try {
      return LeaseSettings.of(replicaId != null ? replicaId : defaultReplicaId(), shards);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--shards/--replica-id: " + e.getMessage());
    }
  }

  /** {@code $HOSTNAME-<pid>} (no name lookup: that could leave the machine). */
  private static String defaultReplicaId() {
    String host =
        Optional.ofNullable(System.getenv("HOSTNAME"))
            .filter(h -> !h.isBlank())
            .orElse("daybreak")
            .replaceAll("[^A-Za-z0-9._-]", "-");
    String id = host + "-" + ProcessHandle.current().pid();
    return id.length() > 64 ? id.substring(id.length() - 64) : id;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
