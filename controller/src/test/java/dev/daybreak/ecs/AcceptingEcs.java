package dev.daybreak.ecs;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/** An ECS client for the gateway's pacing tests. */
final class AcceptingEcs {

  private AcceptingEcs() {}

  /**
   * A client that accepts every UpdateService at once and counts it in {@code updates}; any other
   * call but {@code close} is unsupported.
   */
  static EcsClient countingUpdates(AtomicInteger updates) {
    return (EcsClient)
        Proxy.newProxyInstance(
            EcsClient.class.getClassLoader(),
            new Class<?>[] {EcsClient.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "updateService" -> {
                    updates.incrementAndGet();
                    yield UpdateServiceResponse.builder().build();
                  }
                  case "close" -> null;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
