package dev.daybreak.chatops;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a signed request's body is what Slack sends for slash commands and interactions, before
 * Bolt reads it: {@code application/x-www-form-urlencoded}, every percent-escape two hex digits,
 * every field once (a repeated {@code text} would leave it to the parser which command runs), UTF-8
 * throughout, and an interactive {@code payload} that is a JSON object.
 */
final class FormBody {

  static final String FORM = "application/x-www-form-urlencoded";

  private FormBody() {}

  /** What is wrong with the request, naming what would be valid; empty when it may be parsed. */
  static Optional<String> problem(Optional<String> contentType, byte[] body) {
    String type =
        contentType.map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    if (!type.equals(FORM)) {
      return Optional.of(
          "expected Content-Type "
              + FORM
              + " (a slash command or an interactive payload, as Slack sends them), got "
              + (type.isEmpty() ? "none" : "'" + Untrusted.echo(type) + "'"));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.of("the body is not UTF-8");
    }
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> fields = new HashMap<>();
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
      Optional<String> name = decode(rawName);
      Optional<String> value = decode(rawValue);
      if (name.isEmpty() || value.isEmpty()) {
        return Optional.of(
            "the body is not valid "
                + FORM
                + ": "
                + badEscape(name.isEmpty() ? rawName : rawValue)
                + " in field '"
                + Untrusted.echo(name.orElse(rawName))
                + "'; a '%' must be followed by two hex digits");
      }
      int count = seen.merge(name.get(), 1, Integer::sum);
      if (count > 1) {
        return Optional.of(
            "form field '"
                + Untrusted.echo(name.get())
                + "' appears "
                + count
                + " times; Slack sends each field once");
      }
      fields.put(name.get(), value.get());
    }
    String payload = fields.get("payload");
    if (payload != null) {
      try {
        if (!JsonParser.parseString(payload).isJsonObject()) {
          return Optional.of("the interactive payload is not a JSON object");
        }
      } catch (JsonParseException e) {
        return Optional.of(
            "the interactive payload is not valid JSON: "
                + Untrusted.echo(String.valueOf(e.getMessage())));
      }
    }
    return Optional.empty();
  }

  /** Percent-decodes ({@code +} is a space); empty when an escape is not two hex digits. */
  private static Optional<String> decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] in = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%') {
        if (i + 2 >= in.length || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) {
          return Optional.empty();
        }
        bytes.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        bytes.write(b == '+' ? ' ' : b);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** The first bad escape in {@code raw}, quoted (or that its escapes are not UTF-8). */
  private static String badEscape(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) == '%') {
        String escape = raw.substring(i, Math.min(raw.length(), i + 3));
        if (escape.length() < 3 || hex(escape.charAt(1)) < 0 || hex(escape.charAt(2)) < 0) {
          return "bad percent-escape '" + Untrusted.echo(escape) + "'";
        }
      }
    }
    return "percent-escapes that are not UTF-8";
  }

  /** The value of an ASCII hex digit, else -1 (unlike {@link Character#digit}, which takes any). */
  private static int hex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
