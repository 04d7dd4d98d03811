package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.SOURCE;
import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code spec.notify.slack.digest}: {@code weekly}, {@code off} or absent; nothing else. */
class NotifyDigestTest {

  private static String manifest(String digestLine) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec:
          cluster: dev
          services: [{name: a}]
          notify:
            slack:
              channel: "#shop-dev"
        %s
        """
        .formatted(digestLine);
  }

  private static boolean weekly(String digestLine) {
    return Manifests.parse(SOURCE, manifest(digestLine))
        .get(0)
        .spec()
        .notifications()
        .weeklyDigest();
  }

  @Test
  void digestWeekly_optsTheEnvironmentIn() {
    assertThat(weekly("      digest: weekly")).isTrue();
  }

  @Test
  void digestOffOrAbsent_leavesTheEnvironmentOut() {
    assertThat(weekly("      digest: \"off\"")).isFalse();
    assertThat(weekly("      digest: off")).isFalse();
    assertThat(weekly("")).isFalse();
  }

  @Test
  void digestDaily_isRefusedWhereItIsWrittenWithTheValidValues() {
    assertError(
        onlyError(manifest("      digest: daily")),
        10,
        15,
        "spec.notify.slack.digest",
        "unknown savings digest 'daily'",
        "valid: weekly, off");
  }
}
