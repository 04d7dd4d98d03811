package dev.daybreak.chatops;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin adapter between any HTTP front end and Bolt: the {@link RequestGuard} first (a refused
 * request gets 401 and reaches no handler), then {@link FormBody} (a signed request that is not a
 * form as Slack sends them gets 400 naming what is wrong), then {@code App.run(Request)}, then
 * Bolt's response as status, headers and body.
 */
public final class SlackEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(SlackEndpoint.class);

  private final App app;
  private final RequestGuard guard;
  private final SlackRequestParser parser;

  public SlackEndpoint(App app, RequestGuard guard) {
    this.app = app;
    this.guard = guard;
    this.parser = new SlackRequestParser(app.config());
  }

  /** The largest body the guard accepts; front ends stop reading past it. */
  public int maxBodyBytes() {
    return guard.maxBodyBytes();
  }

  /** Serves one request. Never throws: failures become 4xx/5xx responses. */
  public RawResponse handle(RawRequest request) {
    byte[] body = request.body();
    Optional<String> refusal =
        guard.refusal(
            request.header("X-Slack-Request-Timestamp"), request.header("X-Slack-Signature"), body);
    if (refusal.isPresent()) {
      LOG.warn("refused a Slack request from {}: {}", request.remoteAddress(), refusal.get());
      return RawResponse.text(401, "unauthorized\n");
    }
    return served(request);
  }

  /**
   * Runs a {@code help} slash command through everything after the guard (form check, Bolt's
   * parser, the app's handlers) and returns its answer. Nothing is written or sent: {@code help} is
   * answered in the acknowledgement alone. The first request a fresh JVM serves loads and compiles
   * that whole path; measured at 4.7 s on a busy 2-core machine, past the 3 s Slack gives a
   * command. A front end calls this once before it serves, so the first person's command after a
   * deploy or a cold start is not the one that pays.
   */
  public RawResponse warmUp() {
    byte[] body =
        ("command=%2Fdaybreak&text=help&user_id=UWARMUP&user_name=daybreak-warm-up"
                + "&channel_id=CWARMUP&team_id=TWARMUP&trigger_id=warm-up")
            .getBytes(StandardCharsets.UTF_8);
    return served(
        new RawRequest(
            SlackApp.PATH,
            Optional.empty(),
            Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
            body,
            "warm-up"));
  }

  /** A request the guard let through: form check, Bolt's parser, then the app. */
  private RawResponse served(RawRequest request) {
    byte[] body = request.body();
    Optional<String> malformed = FormBody.problem(request.header("Content-Type"), body);
    if (malformed.isPresent()) {
      LOG.warn("refused a signed but malformed Slack request: {}", malformed.get());
      return badRequest(malformed.get());
    }
    Request<?> parsed;
    try {
      parsed =
          parser.parse(
              SlackRequestParser.HttpRequest.builder()
                  .requestUri(request.path())
                  .queryString(
                      request.query().map(QueryStringParser::toMap).orElseGet(HashMap::new))
                  .headers(new RequestHeaders(request.headers()))
                  .requestBody(new String(body, StandardCharsets.UTF_8))
                  .remoteAddress(request.remoteAddress())
                  .build());
    } catch (RuntimeException e) {
      LOG.warn("could not parse a signed Slack request: {}", e.toString());
      return badRequest(
          "Bolt could not read it: " + Untrusted.echo(String.valueOf(e.getMessage())));
    }
    if (parsed == null) {
      return badRequest(
          "expected a slash command or an interactive payload (a form with command= or"
              + " payload=)");
    }
    try {
      Response response = app.run(parsed);
      Map<String, List<String>> headers = new HashMap<>();
      if (response.getHeaders() != null) {
        headers.putAll(response.getHeaders());
      }
      if (response.getContentType() != null) {
        headers.put("Content-Type", List.of(response.getContentType()));
      }
      return new RawResponse(response.getStatusCode(), headers, response.getBody());
    } catch (Exception e) {
      LOG.error("Slack request of type {} failed", parsed.getRequestType(), e);
      return RawResponse.text(500, "internal error\n");
    }
  }

  /** A 400 whose body says what was wrong with the request and what would be valid. */
  private static RawResponse badRequest(String problem) {
    return RawResponse.text(400, "bad request: " + problem + "\n");
  }
}
