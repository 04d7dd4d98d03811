package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which texts a manifest's {@code timeout} (bounds 1s to 24h) accepts: the record to keep when the
 * duration grammar changes.
 */
class DurationInputsTest {

  private static String manifest(String timeout) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec:
          cluster: dev
          services:
            - name: api
              timeout: "%s"
        """
        .formatted(timeout);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "30s | PT30S",
        "5m | PT5M",
        "1h30m | PT1H30M",
        "2h | PT2H",
        "1h0m5s | PT1H5S",
        "90m | PT1H30M",
        "24h | PT24H",
        "1d | PT24H",
        "1m30s500ms | PT1M30.5S",
        "PT1M30S | PT1M30S",
        "2H | PT2H",
        "' 5m ' | PT5M",
      })
  void timeout_accepts(String text, Duration expected) {
    assertThat(Manifests.parse("t.yaml", manifest(text)).get(0).spec().services().get(0).timeout())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0s | is out of range",
        "25h | is out of range",
        "500ms | is out of range",
        "2d | is out of range",
        "30m1h | is not a duration",
        "1m1m | is not a duration",
        "5 | is not a duration",
        "'' | is not a duration",
        "h | is not a duration",
        "1.5h | is not a duration",
        "-5m | is not a duration",
        "1h 30m | is not a duration",
        "soon | is not a duration",
        "9999999h | is out of range",
        "99999999999999999999d | is not a duration",
      })
  void timeout_rejects(String text, String problem) {
    ManifestException e =
        catchThrowableOfType(
            ManifestException.class, () -> Manifests.parse("t.yaml", manifest(text)));
    assertThat(e).as(text).isNotNull();
    assertThat(e.errors().get(0).message()).contains(problem);
  }
}
