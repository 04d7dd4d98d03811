package dev.daybreak.chatops;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long daybreak's Slack endpoint says it took to answer, from its {@code Server-Timing:
 * app;dur=<ms>} header ({@link SlackHttpHandler}): the server's own handling time, without the
 * client's or the scheduler's delays that a test's wall clock around the request would count.
 */
public final class ServerTiming {

  private static final Pattern APP = Pattern.compile("app;dur=(\\d+(?:\\.\\d+)?)");

  private ServerTiming() {}

  /** The handling time {@code response} reports; fails the test when it reports none. */
  public static Duration of(HttpResponse<?> response) {
    String header =
        response
            .headers()
            .firstValue(SlackHttpHandler.SERVER_TIMING)
            .orElseThrow(() -> new AssertionError("no Server-Timing header in the answer"));
    Matcher m = APP.matcher(header);
    if (!m.matches()) {
      throw new AssertionError("Server-Timing is not app;dur=<ms>: " + header);
    }
    return Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * 1e6));
  }
}
