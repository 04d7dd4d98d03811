package dev.daybreak.slack;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How Slack notifications are delivered. Immutable; build with {@link #builder()}, which validates.
 *
 * @param apiUrl the Web API base, ending with {@code /} (Slack's, or a mock's)
 * @param defaultChannel the channel for environments whose manifest names none
 * @param deliveryWorkers threads that call Slack
 * @param outboxCapacity messages that may wait for delivery; beyond it new ones are dropped and
 *     counted
 * @param maxAttempts failed attempts (not counting rate limiting) after which a message is given up
 *     on
 * @param maxAge how long a message may wait before it is given up on, however few its attempts
 * @param retryBase the first retry delay after a failed attempt; doubles per attempt
 * @param retryMax the ceiling of the retry delay
 * @param httpTimeout connect/read/whole-call timeout of one Web API call
 * @param drainTimeout how long {@link Notifier#close()} waits for pending messages
 */
public record SlackSettings(
    URI apiUrl,
    Optional<String> defaultChannel,
    int deliveryWorkers,
    int outboxCapacity,
    int maxAttempts,
    Duration maxAge,
    Duration retryBase,
    Duration retryMax,
    Duration httpTimeout,
    Duration drainTimeout) {

  /** Slack's Web API base. */
  public static final URI SLACK_API_URL = URI.create("https://slack.com/api/");

  public SlackSettings {
    apiUrl = normalize(apiUrl);
    Objects.requireNonNull(defaultChannel, "defaultChannel");
    defaultChannel.ifPresent(
        c -> {
          if (c.isBlank()) {
            throw new IllegalArgumentException("the default Slack channel must not be blank");
          }
        });
    atLeast("deliveryWorkers", deliveryWorkers, 1);
    atLeast("outboxCapacity", outboxCapacity, 1);
    atLeast("maxAttempts", maxAttempts, 1);
    positive("maxAge", maxAge);
    positive("retryBase", retryBase);
    positive("retryMax", retryMax);
    if (retryMax.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException(
          "retryMax must be >= retryBase (" + retryBase + "), was " + retryMax);
    }
    positive("httpTimeout", httpTimeout);
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout must be >= 0, was " + drainTimeout);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The settings for Slack itself, with no default channel. */
  public static SlackSettings defaults() {
    return builder().build();
  }

  /**
   * Checks a Web API base given by a person ({@code --slack-api-url}) and adds the trailing slash
   * the SDK needs.
   *
   * @throws IllegalArgumentException naming what is wrong and what would be valid
   */
  public static URI normalize(URI url) {
    Objects.requireNonNull(url, "apiUrl");
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || url.getHost() == null
        || !("http".equals(scheme) || "https".equals(scheme))
        || url.getQuery() != null
        || url.getFragment() != null) {
      throw new IllegalArgumentException(
          "the Slack Web API URL must be an absolute http(s) URL without query or fragment, such"
              + " as https://slack.com/api/ or http://127.0.0.1:8080/api/; was "
              + url);
    }
    String s = url.toString();
    return s.endsWith("/") ? url : URI.create(s + "/");
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  /**
   * Builds {@link SlackSettings}; defaults suit Slack's rate limits (about 1 message/s/channel).
   */
  public static final class Builder {
    private URI apiUrl = SLACK_API_URL;
    private Optional<String> defaultChannel = Optional.empty();
    private int deliveryWorkers = 2;
    private int outboxCapacity = 1_000;
    private int maxAttempts = 10;
    private Duration maxAge = Duration.ofMinutes(15);
    private Duration retryBase = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(1);
    private Duration httpTimeout = Duration.ofSeconds(10);
    private Duration drainTimeout = Duration.ofSeconds(5);

    private Builder() {}

    public Builder apiUrl(URI apiUrl) {
      this.apiUrl = apiUrl;
      return this;
    }

    public Builder defaultChannel(String channel) {
      this.defaultChannel = Optional.of(channel);
      return this;
    }

    public Builder defaultChannel(Optional<String> channel) {
      this.defaultChannel = channel;
      return this;
    }

    public Builder deliveryWorkers(int workers) {
      this.deliveryWorkers = workers;
      return this;
    }

    public Builder outboxCapacity(int capacity) {
      this.outboxCapacity = capacity;
      return this;
    }

    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    public Builder maxAge(Duration maxAge) {
      this.maxAge = maxAge;
      return this;
    }

    public Builder retry(Duration base, Duration max) {
      this.retryBase = base;
      this.retryMax = max;
      return this;
    }

    public Builder httpTimeout(Duration timeout) {
      this.httpTimeout = timeout;
      return this;
    }

    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = timeout;
      return this;
    }

    public SlackSettings build() {
      return new SlackSettings(
          apiUrl,
          defaultChannel,
          deliveryWorkers,
          outboxCapacity,
          maxAttempts,
          maxAge,
          retryBase,
          retryMax,
          httpTimeout,
          drainTimeout);
    }
  }
}
