package dev.daybreak.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.aws.AwsTarget;
import dev.daybreak.dryrun.DryRunEcsGateway;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.RoutedEcsGateway;
import dev.daybreak.ratelimit.RateLimit;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.runtime.Application;
import dev.daybreak.runtime.Backends;
import dev.daybreak.runtime.ControllerModule;
import dev.daybreak.runtime.Lifecycle;
import dev.daybreak.scaling.RoutedScalingGateway;
import dev.daybreak.slack.EnvSecretSource;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.DryRunStateStore;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The production composition root, with an in-memory store and ECS at a loopback address nothing
 * needs to answer (no call is made): what it binds, and that closing the application closes what
 * was created last first.
 */
class ProductionModuleTest {

  private final List<String> closed = new ArrayList<>();
  private final InMemoryStateStore store = new InMemoryStateStore(Clock.systemUTC());

  private ProductionModule.Config config(Map<String, String> environment) {
    return ProductionModule.Config.of(
        store,
        () -> closed.add("store"),
        EcsEndpoint.simulator(URI.create("http://127.0.0.1:9")),
        SlackSettings.builder().build(),
        new EnvSecretSource(environment),
        new SimpleMeterRegistry());
  }

  private static ControllerSettings settings() {
    return new ControllerSettings(Duration.ofSeconds(5), 1);
  }

  @Test
  void create_bindsTheRealSeams() {
    try (Application app =
        Application.create(
            new ProductionModule(config(Map.of())), ControllerModule.alone(settings()))) {
      Backends seams = app.backends();

      assertThat(seams.store()).isSameAs(store);
      assertThat(seams.ecs()).isInstanceOf(RoutedEcsGateway.class);
      assertThat(seams.scaling()).isInstanceOf(RoutedScalingGateway.class);
      assertThat(seams.notifier()).as("no bot token: the log").isInstanceOf(LogNotifier.class);
      assertThat(seams.clock().getZone()).isEqualTo(Clock.systemUTC().getZone());
    }
  }

  @Test
  void create_pacesEcsCallsAtTheConfiguredShareOfTheQuota() {
    ProductionModule.Config half =
        new ProductionModule.Config(
            store,
            () -> closed.add("store"),
            EcsEndpoint.simulator(URI.create("http://127.0.0.1:9")),
            EcsEndpoint.simulator(URI.create("http://127.0.0.1:9")),
            SlackSettings.builder().build(),
            new EnvSecretSource(Map.of()),
            new SimpleMeterRegistry(),
            Optional.empty(),
            GatewaySettings.withQuotaShare(0.5));
    try (Application app =
        Application.create(new ProductionModule(half), ControllerModule.alone(settings()))) {
      Optional<TokenBucket> updates =
          app.backends().ecs().at(AwsTarget.home(), "seed").scaleBucket();

      assertThat(updates).map(TokenBucket::limit).contains(new RateLimit(25, 2.5));
    }
    try (Application app =
        Application.create(
            new ProductionModule(config(Map.of())), ControllerModule.alone(settings()))) {
      assertThat(app.backends().ecs().at(AwsTarget.home(), "seed").scaleBucket())
          .map(TokenBucket::limit)
          .contains(GatewaySettings.defaults().updates());
    }
  }

  @Test
  void create_dryRun_bindsTheDryRunsSeamsOverTheRealOnes() {
    List<String> announced = new ArrayList<>();
    try (Application app =
        Application.create(
            new ProductionModule(config(Map.of()).dryRunOn(announced::add)),
            ControllerModule.alone(settings()))) {
      Backends seams = app.backends();

      assertThat(seams.store()).isInstanceOf(DryRunStateStore.class);
      assertThat(seams.ecs()).isInstanceOf(DryRunEcsGateway.class);
    }
  }

  @Test
  void close_closesWhatWasCreatedLastFirst() {
    Application app =
        Application.create(
            new ProductionModule(config(Map.of())),
            ControllerModule.alone(settings()),
            new AbstractModule() {
              /** Built on the store, so created after it. */
              @Provides
              @Singleton
              Probe probe(StateStore store, Lifecycle lifecycle) {
                return lifecycle.own("probe", new Probe(() -> closed.add("probe on the store")));
              }
            });
    app.controller();
    app.own("http", () -> closed.add("http"));

    app.close();

    assertThat(closed).containsExactly("http", "probe on the store", "store");
  }

  @Test
  void create_malformedBotToken_failsAsWithoutGuiceAndClosesTheStore() {
    assertThatThrownBy(
            () ->
                Application.create(
                    new ProductionModule(
                        config(Map.of(EnvSecretSource.VARIABLE, " xoxb-padded-with-spaces "))),
                    ControllerModule.alone(settings())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(EnvSecretSource.VARIABLE + " is set but malformed");
    assertThat(closed).containsExactly("store");
  }

  /** A resource that records its close. */
  record Probe(Runnable onClose) implements AutoCloseable {
    @Override
    public void close() {
      onClose.run();
    }
  }
}
