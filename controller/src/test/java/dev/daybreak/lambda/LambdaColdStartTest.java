package dev.daybreak.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.daybreak.cli.LambdaSettings;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.RoutedEcsGateway;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.runtime.Application;
import dev.daybreak.runtime.Lifecycle;
import dev.daybreak.slack.EnvSecretSource;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.InMemoryStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What composing the function's application costs at each invocation (Lambda's cold start pays it
 * with class loading): the function's module over the production seams, with an in-memory store and
 * ECS at a loopback address no call is made to. The times are logged for the record, not asserted;
 * {@link Stage#PRODUCTION}, which {@link Application#create} uses, builds every singleton up front,
 * {@link Stage#DEVELOPMENT} (Guice's default, what the handler used before) on first use.
 */
class LambdaColdStartTest {

  private static final Logger LOG = LoggerFactory.getLogger(LambdaColdStartTest.class);

  private static final int WARM_ROUNDS = 5;

  private static LambdaModule function() {
    return new LambdaModule(
        LambdaSettings.read(Map.of("DAYBREAK_REGION", "us-east-1")),
        new ProductionModule(
            ProductionModule.Config.of(
                new InMemoryStateStore(Clock.systemUTC()),
                () -> {},
                EcsEndpoint.simulator(URI.create("http://127.0.0.1:9")),
                SlackSettings.builder().build(),
                new EnvSecretSource(Map.of()),
                new SimpleMeterRegistry())));
  }

  @Test
  void composingTheFunction_bindsTheProductionSeams_andLogsWhatItCosts() {
    long coldStart = System.nanoTime();
    try (Application cold = Application.create(function())) {
      Duration coldTook = Duration.ofNanos(System.nanoTime() - coldStart);
      assertThat(cold.backends().ecs()).isInstanceOf(RoutedEcsGateway.class);
      assertThat(cold.reconciler()).isNotNull();
      LOG.info("first composition in this JVM (with class loading): {} ms", coldTook.toMillis());
    }

    long production = 0;
    long development = 0;
    for (int i = 0; i < WARM_ROUNDS; i++) {
      long start = System.nanoTime();
      try (Application app = Application.create(function())) {
        production += System.nanoTime() - start;
        assertThat(app.backends().ecs()).isInstanceOf(RoutedEcsGateway.class);
      }
      start = System.nanoTime();
      Lifecycle lifecycle = new Lifecycle();
      try (Application app = inDevelopmentStage(lifecycle, function())) {
        development += System.nanoTime() - start;
        assertThat(app.backends().ecs()).isInstanceOf(RoutedEcsGateway.class);
      }
    }
    LOG.info(
        "warm composition, mean of {}: Stage.PRODUCTION {} ms, Stage.DEVELOPMENT {} ms",
        WARM_ROUNDS,
        Duration.ofNanos(production / WARM_ROUNDS).toMillis(),
        Duration.ofNanos(development / WARM_ROUNDS).toMillis());
  }

  private static Application inDevelopmentStage(Lifecycle lifecycle, Module function) {
    return Guice.createInjector(
            Stage.DEVELOPMENT,
            function,
            binder -> binder.bind(Lifecycle.class).toInstance(lifecycle))
        .getInstance(Application.class);
  }
}
