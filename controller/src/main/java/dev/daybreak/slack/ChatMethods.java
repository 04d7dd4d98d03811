package dev.daybreak.slack;

import java.util.Optional;

/**
 * The Slack Web API methods the {@link Outbox} delivers with: {@link SlackWebApi} in production;
 * the seam through which a simulation puts a scripted Slack (429s, errors, hangs) behind the real
 * outbox.
 */
interface ChatMethods extends AutoCloseable {

  /** Where a message was posted. */
  record Posted(String channel, String ts) {}

  /** {@code chat.postMessage}, as a thread reply when {@code threadTs} is present. */
  Posted post(String channel, Optional<String> threadTs, SlackMessage message)
      throws DeliveryException;

  /** {@code chat.update} of the message at {@code ts}. */
  void update(String channel, String ts, SlackMessage message) throws DeliveryException;

  /** Releases the client; never throws. */
  @Override
  void close();
}
