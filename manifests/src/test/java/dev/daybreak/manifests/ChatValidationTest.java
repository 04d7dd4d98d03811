package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.errors;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.NotifySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code spec.notify} and {@code spec.access}: Slack ids, channels and the wake limit. */
class ChatValidationTest {

  /** A document whose given lines start at line 6, indented under spec. */
  private static String spec(String lines) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec:
          cluster: dev
        """
        + lines.indent(2)
        + "  services: [{name: a}]\n";
  }

  @Test
  void slackSettings_areRead() {
    var spec =
        Manifests.parse(
                "x.yaml",
                spec(
                    """
                    notify:
                      slack: {channel: C0123ABCD}
                      mentionOnDegraded: [U0123ABCD, S0123ABCD]
                    access:
                      slack: {users: [W0123ABCD], channels: [G0123ABCD]}
                      maxWake: 1h30m
                    """))
            .get(0)
            .spec();

    assertThat(spec.notifications())
        .isEqualTo(new NotifySpec(Optional.of("C0123ABCD"), List.of("U0123ABCD", "S0123ABCD")));
    assertThat(spec.access())
        .isEqualTo(
            new AccessSpec(List.of("W0123ABCD"), List.of("G0123ABCD"), Duration.ofMinutes(90)));
  }

  @Test
  void channelThatIsNeitherAnIdNorAName_isRejected() {
    assertError(
        onlyError(spec("notify:\n  slack: {channel: general}\n")),
        7,
        22,
        "spec.notify.slack.channel",
        "'general' is not a Slack channel",
        "or a channel name such as '#dev-envs'");
  }

  @Test
  void slackWithoutChannel_isRejected() {
    assertError(
        onlyError(spec("notify:\n  slack: {}\n")),
        7,
        5,
        "spec.notify.slack.channel",
        "is required: a Slack channel id");
  }

  @Test
  void mentionsThatAreNotSlackIds_areRejected() {
    assertError(
        onlyError(spec("notify:\n  mentionOnDegraded: [\"@alice\"]\n")),
        7,
        25,
        "spec.notify.mentionOnDegraded[0]",
        "'@alice' is not a Slack id");
  }

  @Test
  void allowlistsWithTheWrongKindOfId_areRejected() {
    List<ManifestError> errors =
        errors(spec("access:\n  slack:\n    users: [C0123ABCD]\n    channels: [U0123ABCD]\n"));

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        8,
        15,
        "spec.access.slack.users[0]",
        "use a Slack user id such as U0123ABCD");
    assertError(
        errors.get(1),
        9,
        18,
        "spec.access.slack.channels[0]",
        "use a Slack channel id such as C0123ABCD");
  }

  @Test
  void maxWakeBeyondAWeek_isRejected() {
    assertError(
        onlyError(spec("access:\n  maxWake: 169h\n")),
        7,
        14,
        "spec.access.maxWake",
        "'169h' is out of range; expected a duration from 1m to 168h");
  }
}
