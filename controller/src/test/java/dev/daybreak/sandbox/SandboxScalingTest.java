package dev.daybreak.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.EnvironmentSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxScalingTest {

  private static EnvironmentSpec example(String name) {
    return Manifests.load(Path.of("../manifests/examples/" + name)).get(0).spec();
  }

  @Test
  void of_shop_putsTheTargetOnTheHealthyServiceWithTheMostReplicas() {
    assertThat(SandboxScaling.of(example("shop.yaml")))
        .contains(new SandboxScaling("orders", 2, 6));
  }

  @Test
  void of_seed_hasNoHealthyService_noTarget() {
    assertThat(SandboxScaling.of(example("seed.yaml"))).isEmpty();
  }
}
