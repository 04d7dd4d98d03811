package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EcsEndpointTest {

  @Test
  void of_localEndpoint_usesDummyCredentials() {
    for (String url :
        new String[] {"http://127.0.0.1:4599", "http://localhost:4599", "http://[::1]:4599"}) {
      assertThat(EcsEndpoint.of(Optional.of(URI.create(url)), Optional.empty()).credentials())
          .as(url)
          .isEqualTo(EcsEndpoint.Credentials.DUMMY);
    }
  }

  @Test
  void of_remoteOrNoEndpoint_usesTheDefaultChain() {
    assertThat(
            EcsEndpoint.of(
                    Optional.of(URI.create("https://ecs.eu-west-1.amazonaws.com")),
                    Optional.of("eu-west-1"))
                .credentials())
        .isEqualTo(EcsEndpoint.Credentials.DEFAULT_CHAIN);
    assertThat(EcsEndpoint.of(Optional.empty(), Optional.empty()).credentials())
        .isEqualTo(EcsEndpoint.Credentials.DEFAULT_CHAIN);
  }
}
