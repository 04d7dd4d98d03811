package dev.daybreak.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Readiness> readiness =
      new AtomicReference<>(Readiness.notReady("not ready: no lease round yet"));
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpEndpoints endpoints;

  @BeforeEach
  void start() throws IOException {
    endpoints = HttpEndpoints.start("127.0.0.1", 0, meters::scrape, readiness::get);
  }

  @AfterEach
  void stop() {
    endpoints.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metrics_servesTheRegistryInPrometheusTextFormat() throws Exception {
    Counter.builder("daybreak.ecs.calls")
        .tag("operation", "UpdateService")
        .tag("outcome", "ok")
        .register(meters)
        .increment(3);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains(HttpEndpoints.PROMETHEUS_TEXT);
    assertThat(response.body())
        .contains("daybreak_ecs_calls_total{operation=\"UpdateService\",outcome=\"ok\"} 3.0");
  }

  @Test
  void readyz_answers503UntilReady_then200WithTheDetail() throws Exception {
    HttpResponse<String> before = get("/readyz");
    readiness.set(Readiness.ready("ready: standing by, no shard held (of 4)"));
    HttpResponse<String> after = get("/readyz");

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).startsWith("not ready");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("standing by");
  }

  @Test
  void healthz_isAliveRegardlessOfReadiness() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }
}
