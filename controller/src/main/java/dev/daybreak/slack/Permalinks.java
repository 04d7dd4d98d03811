package dev.daybreak.slack;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links to messages daybreak posted: Slack's {@code chat.getPermalink}, else the documented archive
 * form {@code https://<workspace>.slack.com/archives/<channel>/p<ts without the dot>}. Blocking:
 * call it off any request's ack path.
 */
public final class Permalinks implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Permalinks.class);

  private final Optional<SlackWebApi> api;

  private Permalinks(Optional<SlackWebApi> api) {
    this.api = api;
  }

  /** Asks the Web API at {@link SlackSettings#apiUrl()} with {@code token}, then falls back. */
  public static Permalinks viaApi(SlackSettings settings, BotToken token) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(token, "token");
    return new Permalinks(Optional.of(new SlackWebApi(settings, token)));
  }

  /** Builds archive links only: for when no bot token is configured. */
  public static Permalinks archiveOnly() {
    return new Permalinks(Optional.empty());
  }

  /**
   * The link to the message {@code ts} in {@code channel}: Slack's permalink when it gives one,
   * else the archive link in {@code workspaceDomain} (e.g. {@code acme} for acme.slack.com); empty
   * when neither is known.
   */
  public Optional<String> of(String channel, String ts, Optional<String> workspaceDomain) {
    if (api.isPresent()) {
      try {
        return Optional.of(api.get().permalink(channel, ts));
      } catch (DeliveryException e) {
        LOG.info("chat.getPermalink failed ({}); linking the archive form", e.getMessage());
      }
    }
    return workspaceDomain
        .filter(domain -> domain.matches("[A-Za-z0-9-]+"))
        .map(domain -> archiveLink(domain, channel, ts));
  }

  /** {@code https://acme.slack.com/archives/C0123/p1700000000000100} for ts 1700000000.000100. */
  static String archiveLink(String domain, String channel, String ts) {
    return "https://" + domain + ".slack.com/archives/" + channel + "/p" + ts.replace(".", "");
  }

  @Override
  public void close() {
    api.ifPresent(SlackWebApi::close);
  }
}
