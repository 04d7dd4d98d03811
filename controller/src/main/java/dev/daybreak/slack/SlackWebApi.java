package dev.daybreak.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack Web API methods daybreak uses (posting and updating messages, and their permalinks),
 * through the Slack SDK, with every failure classified into a {@link DeliveryException}. Blocking;
 * called only from the outbox's threads and chat-ops workers, never on a request's ack path.
 */
final class SlackWebApi implements ChatMethods {

  private static final Logger LOG = LoggerFactory.getLogger(SlackWebApi.class);

  /** When a 429 carries no usable Retry-After: Slack's documented per-minute windows. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  /** {@code ok:false} errors that are Slack's own transient failures. */
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

  /** {@code ok:false} errors of chat.update meaning the message is gone or frozen. */
  private static final Set<String> GONE_ERRORS =
      Set.of("message_not_found", "cant_update_message", "edit_window_closed");

  private final Slack slack;
  private final MethodsClient methods;

  SlackWebApi(SlackSettings settings, BotToken token) {
    SlackConfig config = new SlackConfig();
    // Stats would call auth.test for a team id and start background threads: not needed here.
    config.setStatsEnabled(false);
    config.setMethodsEndpointUrlPrefix(settings.apiUrl().toString());
    int timeoutMillis = Math.toIntExact(settings.httpTimeout().toMillis());
    config.setHttpClientReadTimeoutMillis(timeoutMillis);
    config.setHttpClientWriteTimeoutMillis(timeoutMillis);
    config.setHttpClientCallTimeoutMillis(timeoutMillis);
    this.slack = Slack.getInstance(config);
    this.methods = slack.methods(token.value());
  }

  @Override
  public Posted post(String channel, Optional<String> threadTs, SlackMessage message)
      throws DeliveryException {
    ChatPostMessageResponse response =
        call(
            "chat.postMessage",
            () ->
                methods.chatPostMessage(
                    r ->
                        r.channel(channel)
                            .threadTs(threadTs.orElse(null))
                            .text(message.text())
                            .blocks(message.blocks().isEmpty() ? null : message.blocks())));
    if (!response.isOk()) {
      throw failed("chat.postMessage", response.getError(), false);
    }
    return new Posted(response.getChannel(), response.getTs());
  }

  @Override
  public void update(String channel, String ts, SlackMessage message) throws DeliveryException {
    ChatUpdateResponse response =
        call(
            "chat.update",
            () ->
                methods.chatUpdate(
                    r -> r.channel(channel).ts(ts).text(message.text()).blocks(message.blocks())));
    if (!response.isOk()) {
      throw failed("chat.update", response.getError(), true);
    }
  }

  /**
   * {@code chat.getPermalink}: the URL of a posted message.
   *
   * @throws DeliveryException when Slack does not answer with one
   */
  String permalink(String channel, String ts) throws DeliveryException {
    ChatGetPermalinkResponse response =
        call(
            "chat.getPermalink",
            () -> methods.chatGetPermalink(r -> r.channel(channel).messageTs(ts)));
    if (!response.isOk() || response.getPermalink() == null) {
      throw failed("chat.getPermalink", response.getError(), false);
    }
    return response.getPermalink();
  }

  @Override
  public void close() {
    try {
      slack.close();
    } catch (Exception e) {
      LOG.debug("Closing the Slack client failed", e);
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  private static <T> T call(String method, Call<T> call) throws DeliveryException {
    try {
      return call.run();
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429) {
        throw DeliveryException.rateLimited(retryAfter(e.getResponse().header("Retry-After")));
      }
      String detail =
          method
              + ": HTTP "
              + status
              + Optional.ofNullable(e.getError()).map(err -> " " + err.getError()).orElse("");
      throw DeliveryException.of(
          status >= 500 ? DeliveryException.Kind.RETRYABLE : DeliveryException.Kind.PERMANENT,
          detail);
    } catch (IOException e) {
      throw DeliveryException.of(
          DeliveryException.Kind.RETRYABLE,
          method + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (RuntimeException e) {
      // A response the SDK could not parse (a proxy's HTML page, a truncated body): transient.
      throw DeliveryException.of(
          DeliveryException.Kind.RETRYABLE,
          method + ": unreadable response (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static DeliveryException failed(String method, String error, boolean update) {
    String detail = method + ": " + error;
    if ("ratelimited".equals(error)) {
      return DeliveryException.rateLimited(DEFAULT_RETRY_AFTER);
    }
    if (TRANSIENT_ERRORS.contains(error)) {
      return DeliveryException.of(DeliveryException.Kind.RETRYABLE, detail);
    }
    if (update && GONE_ERRORS.contains(error)) {
      return DeliveryException.of(DeliveryException.Kind.MESSAGE_GONE, detail);
    }
    return DeliveryException.of(DeliveryException.Kind.PERMANENT, detail);
  }

  /** Retry-After in seconds (what Slack sends); anything else falls back to the default. */
  static Duration retryAfter(String header) {
    if (header != null) {
      try {
        long seconds = Long.parseLong(header.trim());
        if (seconds >= 0) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException e) {
        LOG.debug("Unreadable Retry-After header {}; waiting {}", header, DEFAULT_RETRY_AFTER);
      }
    }
    return DEFAULT_RETRY_AFTER;
  }
}
