package dev.daybreak.chatops;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a request really comes from Slack, before anything reads it: the {@code
 * X-Slack-Signature} must be {@code v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)}, the
 * {@code X-Slack-Request-Timestamp} within {@link #MAX_SKEW} of now, the signature not seen before
 * (in this process, and in a shared {@link ReplayCheck} when one is given), and the body no longer
 * than the limit.
 */
public final class RequestGuard {

  /** Slack's own advice: refuse timestamps more than five minutes away from now. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  /**
   * Slack's interactive payloads carry the whole message they were clicked on; daybreak's messages
   * stay well under 50 blocks of 3000 characters, so 512 KiB leaves room and refuses floods.
   */
  public static final int DEFAULT_MAX_BODY_BYTES = 512 * 1024;

  /** Signatures remembered at once; far above any team's rate of slash commands in 10 minutes. */
  static final int REPLAY_CAPACITY = 10_000;

  private static final String VERSION = "v0";

  private final SigningSecret secret;
  private final Clock clock;
  private final int maxBodyBytes;
  private final ReplayCache replays;
  private final Optional<ReplayCheck> shared;

  /** A guard that remembers accepted signatures in this process only. */
  public RequestGuard(SigningSecret secret, Clock clock, int maxBodyBytes) {
    this(secret, clock, maxBodyBytes, Optional.empty());
  }

  /**
   * A guard that remembers accepted signatures in this process first and then in {@code shared}
   * (the state table), so a request accepted by another Lambda container or replica is refused here
   * too.
   */
  public RequestGuard(SigningSecret secret, Clock clock, int maxBodyBytes, ReplayCheck shared) {
    this(secret, clock, maxBodyBytes, Optional.of(shared));
  }

  private RequestGuard(
      SigningSecret secret, Clock clock, int maxBodyBytes, Optional<ReplayCheck> shared) {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException(
          "expected a body limit of at least 1 byte, got " + maxBodyBytes);
    }
    this.secret = secret;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.replays = new ReplayCache(clock, REPLAY_CAPACITY);
    this.shared = shared;
  }

  /** The largest body accepted, in bytes. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Why the request must be refused, or empty when it may be served. A request that passes is
   * remembered, so the same one is refused the next time.
   */
  public Optional<String> refusal(
      Optional<String> timestamp, Optional<String> signature, byte[] body) {
    if (body.length > maxBodyBytes) {
      return Optional.of("body of " + body.length + " bytes exceeds " + maxBodyBytes);
    }
    if (timestamp.isEmpty() || signature.isEmpty()) {
      return Optional.of("missing X-Slack-Request-Timestamp or X-Slack-Signature");
    }
    Instant sent;
    try {
      sent = Instant.ofEpochSecond(Long.parseLong(timestamp.get().trim()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.of("timestamp is not epoch seconds");
    }
    Instant now = clock.instant();
    if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
      return Optional.of("timestamp " + sent + " is more than " + MAX_SKEW + " from " + now);
    }
    byte[] expected = sign(timestamp.get().trim(), body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(
        expected, signature.get().trim().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("signature does not match");
    }
    return replay(signature.get().trim(), sent.plus(MAX_SKEW));
  }

  /**
   * Why the signature is refused as a replay, if it is: seen in this process, else seen in the
   * shared record. A shared record that cannot be reached refuses (the safe side).
   */
  private Optional<String> replay(String signature, Instant expiry) {
    if (!replays.firstSeen(signature, expiry)) {
      return Optional.of("signature seen before (replay)");
    }
    if (shared.isEmpty()) {
      return Optional.empty();
    }
    try {
      return shared.get().firstSeen(signature, expiry)
          ? Optional.empty()
          : Optional.of("signature seen before by another instance (replay)");
    } catch (RuntimeException e) {
      return Optional.of("could not check the signature against earlier requests: " + e);
    }
  }

  /** {@code v0=} and the hex HMAC-SHA256 of {@code v0:timestamp:body}, as Slack signs. */
  String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
