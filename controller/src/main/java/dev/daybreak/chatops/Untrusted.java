package dev.daybreak.chatops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text that came in a Slack request, on its way back out in a reply. Slack renders a reply's text
 * as mrkdwn: {@code <!channel>} notifies a whole channel, {@code <@U123>} a person, {@code
 * <https://x|y>} is a disguised link, and a backtick ends daybreak's code spans. Whatever a request
 * carried is therefore shown through {@link #echo}, never raw.
 */
final class Untrusted {

  /** Echoes longer than this many characters are cut: a reply names a mistake, not a novel. */
  static final int MAX_ECHO = 80;

  /**
   * Stands in for a backtick: MODIFIER LETTER GRAVE ACCENT looks alike but cannot end a code span.
   */
  static final char BACKTICK_STAND_IN = '\u02cb';

  private static final int MAX_NAMED = 3;

  private Untrusted() {}

  /**
   * Undoes the escaping Slack applies to a slash command's text ({@code &amp;}, {@code &lt;},
   * {@code &gt;}), so what is parsed and echoed is what the person typed, escaped once on the way
   * out.
   */
  static String fromSlack(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  /**
   * {@code text} made inert in mrkdwn: {@code &}, {@code <} and {@code >} escaped as Slack asks,
   * backticks replaced by {@link #BACKTICK_STAND_IN}, and characters that do not show (controls,
   * zero-width and bidirectional formatting, separators other than the space) spelled {@code
   * [U+XXXX]}; cut after {@link #MAX_ECHO} characters.
   */
  static String echo(String text) {
    return inert(text, MAX_ECHO);
  }

  /** As {@link #echo}, without the cut: for text read from the store, e.g. who asked and why. */
  static String inert(String text) {
    return inert(text, Integer.MAX_VALUE);
  }

  private static String inert(String text, int limit) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (shown == limit) {
        out.append("… (").append(text.codePointCount(i, text.length()) + 1).append(" more)");
        break;
      }
      shown++;
      switch (cp) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '`' -> out.append(BACKTICK_STAND_IN);
        default -> {
          if (invisible(cp)) {
            out.append('[').append(codePoint(cp)).append(']');
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Why {@code name} cannot be an environment's name (an RFC 1123 label, as manifests require),
   * naming up to three characters it may not have; empty when it could be one.
   */
  static Optional<String> notAnEnvironmentName(String name) {
    if (name.length() > 63) {
      return Optional.of("it is " + name.length() + " characters long");
    }
    List<String> foreign = new ArrayList<>();
    name.codePoints()
        .filter(cp -> !(cp >= 'a' && cp <= 'z') && !(cp >= '0' && cp <= '9') && cp != '-')
        .distinct()
        .forEach(cp -> foreign.add(codePoint(cp) + " " + name(cp)));
    if (!foreign.isEmpty()) {
      return Optional.of(
          "it has "
              + String.join(", ", foreign.subList(0, Math.min(MAX_NAMED, foreign.size())))
              + (foreign.size() > MAX_NAMED ? " and more" : ""));
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      return Optional.of("it starts or ends with '-'");
    }
    return Optional.empty();
  }

  private static boolean invisible(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED ->
          true;
      case Character.SPACE_SEPARATOR -> cp != ' ';
      default -> false;
    };
  }

  private static String codePoint(int cp) {
    return String.format(Locale.ROOT, "U+%04X", cp);
  }

  private static String name(int cp) {
    return Optional.ofNullable(Character.getName(cp)).orElse("(unnamed)");
  }
}
