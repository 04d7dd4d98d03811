package dev.daybreak.runtime;

import dev.daybreak.savings.Pricing;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.savings.WeeklyDigest;
import dev.daybreak.slack.SlackNotifier;
import java.util.Optional;

/**
 * The weekly savings digest ({@code spec.notify.slack.digest: weekly}) over a mode's backends, so
 * every mode that notifies Slack sends it: {@code daybreak run} checks every {@link
 * WeeklyDigest#CHECK_EVERY}, while {@code reconcile --once} and the serverless mode's scheduled
 * function check once per invocation. The claim in the state table makes it once per channel and
 * week whichever sends it.
 */
public final class Digests {

  private Digests() {}

  /**
   * The digest, posted through {@code backends}' notifier; empty when that is not Slack's (no bot
   * token, or a dry run, whose notifier posts nothing real).
   */
  public static Optional<WeeklyDigest> of(Backends backends, Pricing pricing) {
    if (!(backends.notifier() instanceof SlackNotifier slack)) {
      return Optional.empty();
    }
    return Optional.of(
        new WeeklyDigest(
            backends.store(),
            new SavingsService(backends.store(), pricing, backends.clock()),
            slack::post,
            slack.defaultChannel(),
            backends.clock(),
            backends.scheduler()));
  }
}
