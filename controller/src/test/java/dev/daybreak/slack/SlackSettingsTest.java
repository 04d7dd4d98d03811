package dev.daybreak.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {

  @Test
  void defaults_pointAtSlackWithBoundedRetries() {
    SlackSettings s = SlackSettings.defaults();

    assertThat(s.apiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
    assertThat(s.outboxCapacity()).isPositive();
    assertThat(s.retryMax()).isGreaterThanOrEqualTo(s.retryBase());
  }

  @Test
  void build_relativeUrl_isRejectedWithAnExample() {
    assertThatThrownBy(() -> SlackSettings.builder().apiUrl(URI.create("/api")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was /api")
        .hasMessageContaining("https://slack.com/api/");
  }

  @Test
  void build_retryCeilingBelowBase_isRejectedNamingBoth() {
    assertThatThrownBy(
            () ->
                SlackSettings.builder().retry(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retryMax must be >= retryBase (PT5S), was PT1S");
  }
}
