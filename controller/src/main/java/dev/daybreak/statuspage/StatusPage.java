package dev.daybreak.statuspage;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.selector.LabelSelector;
import dev.daybreak.model.selector.SelectorException;
import dev.daybreak.store.StateStore;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read-only status page: the fleet ({@code /}, {@code ?l=SELECTOR}), one environment ({@code
 * /env/NAME}) and the page's two static files, rendered on the server from jte templates (HTML
 * content type: everything from manifests, items and ECS events is escaped). The transport — the
 * controller's HTTP server ({@link StatusPageHandler}) or a Lambda Function URL — only carries the
 * {@link Response}.
 */
public final class StatusPage {

  /**
   * The Content-Security-Policy of every answer: nothing but this origin's own stylesheet and
   * script (no inline script or style, no plugin, no framing, no form posting elsewhere).
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** An environment's name as manifests allow it (a DNS label); anything else is not a page. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param headers its headers (content type and the security headers)
   * @param body the body
   */
  public record Response(int status, Map<String, String> headers, String body) {}

  private final PageModels models;
  private final boolean live;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  /**
   * @param store where environments are read from
   * @param ecs where the environment view reads its services' events and counts
   * @param clock the controller's clock
   * @param calendars the holiday calendars schedules may name
   * @param savings savings month to date ({@code SavingsService::monthToDate}, or {@link
   *     SavingsSource#NONE})
   * @param live whether pages update themselves over {@code /events} (not on Lambda, which answers
   *     one request at a time)
   */
  public StatusPage(
      StateStore store,
      EcsGateway ecs,
      Clock clock,
      Calendars calendars,
      SavingsSource savings,
      boolean live) {
    this.models = new PageModels(store, ecs, clock, calendars, savings);
    this.live = live;
  }

  /** Answers {@code GET path?query}. */
  public Response get(String path, Optional<String> query) {
    if (path.equals("/")) {
      try {
        return fleet(parameter(query, "l").orElse(""));
      } catch (IllegalArgumentException e) {
        return html(
            400,
            "statuspage/fleet.jte",
            new FleetView(
                "",
                Optional.of("The query string is not valid URL encoding: " + e.getMessage()),
                List.of(),
                live));
      }
    }
    if (path.startsWith("/env/")) {
      String name = path.substring("/env/".length());
      if (NAME.matcher(name).matches()) {
        return models
            .environment(name, live)
            .map(view -> html(200, "statuspage/env.jte", view))
            .orElseGet(() -> notFound("There is no environment named " + name + "."));
      }
      return notFound("There is no environment named " + name + ".");
    }
    if (path.equals("/assets/status.css")) {
      return asset("status.css", "text/css; charset=utf-8");
    }
    if (path.equals("/assets/status.js") && live) {
      return asset("status.js", "text/javascript; charset=utf-8");
    }
    return notFound("There is no page at " + path + ".");
  }

  /** Whether {@code path} is a page {@code /events} can follow: the fleet or an environment. */
  static boolean isPage(String path) {
    return path.equals("/") || path.startsWith("/env/");
  }

  /**
   * The {@code <main>} element of the page at {@code path}: what changes when the fleet does, and
   * what {@code /events} sends.
   */
  String main(String path, Optional<String> query) {
    String body = get(path, query).body();
    int start = body.indexOf("<main");
    int end = body.indexOf("</main>");
    return start < 0 || end < 0 ? "" : body.substring(start, end + "</main>".length());
  }

  private Response fleet(String selectorText) {
    Optional<LabelSelector> selector = Optional.empty();
    if (!selectorText.isBlank()) {
      try {
        selector = Optional.of(LabelSelector.parse(selectorText));
      } catch (SelectorException e) {
        return html(
            400,
            "statuspage/fleet.jte",
            new FleetView(
                selectorText,
                Optional.of("The label selector is not valid: " + e.getMessage()),
                List.of(),
                live));
      }
    }
    return html(200, "statuspage/fleet.jte", models.fleet(selector, selectorText, live));
  }

  private Response notFound(String message) {
    return html(404, "statuspage/missing.jte", message);
  }

  private Response html(int status, String template, Object view) {
    return new Response(status, headers("text/html; charset=utf-8"), render(template, view));
  }

  /** Renders one of the page's templates with its view model. */
  String render(String template, Object view) {
    StringOutput out = new StringOutput();
    templates.render(template, view, out);
    return out.toString();
  }

  private static Response asset(String name, String contentType) {
    try (InputStream in = StatusPage.class.getResourceAsStream("/statuspage/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks /statuspage/" + name);
      }
      Map<String, String> headers = headers(contentType);
      headers.put("Cache-Control", "max-age=300");
      return new Response(200, headers, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The headers of every answer: its type, the CSP and the other safe-by-default headers. */
  static Map<String, String> headers(String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Cache-Control", "no-store");
    return headers;
  }

  /** A query parameter's first value, decoded. */
  static Optional<String> parameter(Optional<String> query, String name) {
    if (query.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : query.get().split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return Optional.of(
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
