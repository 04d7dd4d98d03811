package dev.daybreak.model;

import java.time.Duration;

/** Durations written for people: {@code 45s}, {@code 10m}, {@code 1h5m30s}. */
final class Durations {

  private Durations() {}

  static String format(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (rest > 0) {
      text.append(rest).append('s');
    }
    return text.toString();
  }
}
