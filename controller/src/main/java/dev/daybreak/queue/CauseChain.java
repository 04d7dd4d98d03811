package dev.daybreak.queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** A failure and its causes on one line, for a log line that carries no stack trace. */
public final class CauseChain {

  // Deep enough for an SDK failure wrapped twice; a longer chain is cut with "...".
  private static final int MAX_DEPTH = 8;

  private CauseChain() {}

  /**
   * Each exception's simple class name and message, outermost first, joined by {@code "; caused by
   * "}; a message already contained in the one before it (wrappers often repeat their cause's) is
   * left out, and line breaks become spaces.
   */
  public static String of(Throwable failure) {
    List<String> parts = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    String previous = "";
    Throwable current = failure;
    while (current != null && seen.add(current)) {
      if (parts.size() == MAX_DEPTH) {
        parts.add("...");
        break;
      }
      String message = oneLine(current.getMessage());
      String name = current.getClass().getSimpleName();
      parts.add(message.isEmpty() || previous.contains(message) ? name : name + ": " + message);
      if (!message.isEmpty()) {
        previous = message;
      }
      current = current.getCause();
    }
    return String.join("; caused by ", parts);
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
