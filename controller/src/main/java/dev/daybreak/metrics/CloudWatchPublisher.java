package dev.daybreak.metrics;

import dev.daybreak.time.Scheduler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes the metric deploy/'s "Degraded" alarm watches to CloudWatch: {@value
 * #DEGRADED_ENVIRONMENTS}, the number of environments whose phase is Degraded among those this
 * controller reconciles, in the configured namespace, with no dimensions (as the alarm reads it),
 * every {@link #PERIOD} and whenever {@link #publish()} is called (the end of a Lambda invocation).
 *
 * <p>With several replicas each publishes its own shards' count; the alarm's {@code Maximum}
 * statistic then fires when any replica sees a Degraded environment. A failed publish is logged and
 * never affects reconciling.
 */
public final class CloudWatchPublisher implements AutoCloseable {

  /** The namespace to publish to; unset or blank: no publishing (deploy/ sets it). */
  public static final String NAMESPACE_VARIABLE = "DAYBREAK_METRICS_NAMESPACE";

  /** A CloudWatch-compatible endpoint instead of the region's (a local mock, in tests). */
  public static final String ENDPOINT_VARIABLE = "DAYBREAK_CLOUDWATCH_ENDPOINT";

  /** The namespace deploy/ configures and confines the controller's PutMetricData to. */
  public static final String DEFAULT_NAMESPACE = "Daybreak";

  /** Environments whose phase is Degraded (a gauge; deploy/'s alarm takes its Maximum). */
  public static final String DEGRADED_ENVIRONMENTS = "DegradedEnvironments";

  /** How often the gauge is published: CloudWatch's standard resolution is one minute. */
  public static final Duration PERIOD = Duration.ofSeconds(60);

  // CloudWatch namespaces: 1 to 255 of these characters, not starting with "AWS/".
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9.\\-_/#:]{1,255}");

  private static final String ENDPOINT_EXPECTED =
      "expected an http:// or https:// URL with a host, e.g. http://127.0.0.1:4566";

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  private final CloudWatchClient client;
  private final String namespace;
  private final LongSupplier degraded;
  private final Clock clock;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "daybreak-cloudwatch");
            t.setDaemon(true);
            return t;
          });
  private volatile Scheduler.Cancellable next = () -> {};
  private volatile boolean closed;

  /**
   * @param client the client, owned (closed) by this publisher
   * @param namespace the CloudWatch namespace
   * @param degraded how many environments are Degraded now
   * @param clock the datapoints' timestamps
   * @throws IllegalArgumentException when the namespace is not one CloudWatch accepts
   */
  public CloudWatchPublisher(
      CloudWatchClient client, String namespace, LongSupplier degraded, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = validNamespace(namespace, "namespace");
    this.degraded = Objects.requireNonNull(degraded, "degraded");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A publisher configured from {@code env} ({@value #NAMESPACE_VARIABLE}, {@value
   * #ENDPOINT_VARIABLE}), or empty when no namespace is set.
   *
   * @throws IllegalArgumentException naming the variable when a value is not valid
   */
  public static Optional<CloudWatchPublisher> fromEnvironment(
      Map<String, String> env, Optional<String> region, LongSupplier degraded, Clock clock) {
    Optional<String> namespace = value(env, NAMESPACE_VARIABLE);
    if (namespace.isEmpty()) {
      return Optional.empty();
    }
    validNamespace(namespace.get(), NAMESPACE_VARIABLE);
    String where = ENDPOINT_VARIABLE + "=" + env.get(ENDPOINT_VARIABLE);
    Optional<URI> endpoint;
    try {
      endpoint = value(env, ENDPOINT_VARIABLE).map(URI::create);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + ENDPOINT_EXPECTED, e);
    }
    endpoint.ifPresent(e -> validEndpoint(e, where));
    return Optional.of(
        new CloudWatchPublisher(
            CloudWatchClients.create(endpoint, region), namespace.get(), degraded, clock));
  }

  /**
   * {@code namespace} when CloudWatch accepts it.
   *
   * @param where what the value came from, for the error
   * @throws IllegalArgumentException naming {@code where} and what would be valid
   */
  public static String validNamespace(String namespace, String where) {
    if (!NAMESPACE.matcher(namespace).matches() || namespace.startsWith("AWS/")) {
      throw new IllegalArgumentException(
          where
              + ": expected a CloudWatch namespace (1 to 255 letters, digits and . - _ / # :, not"
              + " starting with AWS/) such as "
              + DEFAULT_NAMESPACE
              + " but found '"
              + namespace
              + "'");
    }
    return namespace;
  }

  /**
   * {@code endpoint} when it is an http(s) URL with a host.
   *
   * @param where what the value came from, for the error
   * @throws IllegalArgumentException naming {@code where} and what would be valid
   */
  public static URI validEndpoint(URI endpoint, String where) {
    boolean http = "http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme());
    if (!http || endpoint.getHost() == null) {
      throw new IllegalArgumentException(where + ": " + ENDPOINT_EXPECTED);
    }
    return endpoint;
  }

  /** The namespace published to. */
  public String namespace() {
    return namespace;
  }

  /** Publishes the gauge now, on the calling thread. Never throws; a failure is logged. */
  public void publish() {
    long value = degraded.getAsLong();
    try {
      client.putMetricData(
          PutMetricDataRequest.builder()
              .namespace(namespace)
              .metricData(
                  MetricDatum.builder()
                      .metricName(DEGRADED_ENVIRONMENTS)
                      .value((double) value)
                      .unit(StandardUnit.COUNT)
                      .timestamp(clock.instant())
                      .build())
              .build());
      LOG.debug(
          "published {}={} to CloudWatch namespace {}", DEGRADED_ENVIRONMENTS, value, namespace);
    } catch (SdkException e) {
      LOG.warn(
          "could not publish {} to CloudWatch namespace {}; trying again in {}: {}",
          DEGRADED_ENVIRONMENTS,
          namespace,
          PERIOD,
          e.toString());
    }
  }

  /** Publishes now and every {@link #PERIOD} after, timed by {@code scheduler}, until closed. */
  public void start(Scheduler scheduler) {
    tick(scheduler, Duration.ZERO);
  }

  private void tick(Scheduler scheduler, Duration delay) {
    if (closed) {
      return;
    }
    next =
        scheduler.schedule(
            delay,
            () -> {
              try {
                // The call may take seconds: off the scheduler's shared thread.
                sender.execute(this::publish);
              } catch (RejectedExecutionException e) {
                return;
              }
              tick(scheduler, PERIOD);
            });
  }

  /** Stops publishing, lets a publish in flight finish, and closes the client. */
  @Override
  public void close() {
    closed = true;
    next.cancel();
    sender.shutdown();
    try {
      if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sender.shutdownNow();
    }
    client.close();
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
