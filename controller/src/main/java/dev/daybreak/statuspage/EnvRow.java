package dev.daybreak.statuspage;

import java.util.List;
import java.util.Optional;

/**
 * One environment in the fleet view; everything here is shown as text (the templates escape it).
 *
 * @param name the environment
 * @param labels its labels as {@code key=value}
 * @param phase the phase as text, e.g. {@code Waking}
 * @param phaseClass the phase's CSS class (its colour), e.g. {@code phase-waking}
 * @param progress tier progress, once the controller wrote a status
 * @param desired the desired state, e.g. {@code AWAKE until Thu 2026-05-07 22:00}
 * @param until when the desired state ends, if it does
 * @param next the next change the controller makes by itself, e.g. {@code sleep}, if any
 * @param nextAt when that change happens
 * @param lastChange who changed the desired state last and how, e.g. {@code alice via cli}
 * @param lastChangeAt when
 * @param savings savings month to date, or "—" when its {@link SavingsSource} knows none
 */
public record EnvRow(
    String name,
    List<String> labels,
    String phase,
    String phaseClass,
    Optional<TierProgress> progress,
    String desired,
    Optional<Moment> until,
    String next,
    Optional<Moment> nextAt,
    String lastChange,
    Optional<Moment> lastChangeAt,
    String savings) {

  /** The environment page's path. */
  public String href() {
    return "/env/" + name;
  }
}
