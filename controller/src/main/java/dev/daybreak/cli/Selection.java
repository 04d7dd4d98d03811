package dev.daybreak.cli;

import dev.daybreak.model.selector.LabelSelector;
import dev.daybreak.store.SpecStore;
import dev.daybreak.store.StoredEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The environments a command names, or those whose labels a selector matches. */
final class Selection {

  /** How many of the labels in use an error lists. */
  private static final int SHOWN_LABELS = 20;

  private Selection() {}

  /**
   * The named environments, or every one when there are no names, narrowed by the selector.
   *
   * @throws CliException for an unknown name, or a selector that matches nothing
   */
  static List<StoredEnvironment> of(
      SpecStore store, List<String> names, Optional<LabelSelector> selector) {
    List<StoredEnvironment> environments = new ArrayList<>();
    for (String name : names.isEmpty() ? store.environments() : names) {
      environments.add(Lookup.environment(store, name));
    }
    if (selector.isEmpty()) {
      return environments;
    }
    List<StoredEnvironment> matching =
        environments.stream()
            .filter(e -> selector.get().matches(e.spec().spec().labels()))
            .toList();
    if (matching.isEmpty()) {
      throw new CliException(ExitCodes.PROBLEM, nothingMatches(selector.get(), environments));
    }
    return matching;
  }

  /** Every environment whose labels the selector matches; an error when none does. */
  static List<StoredEnvironment> matching(SpecStore store, LabelSelector selector) {
    return of(store, List.of(), Optional.of(selector));
  }

  private static String nothingMatches(LabelSelector selector, List<StoredEnvironment> searched) {
    if (searched.isEmpty()) {
      return "no environment matches the selector '"
          + selector
          + "': no manifest has been applied yet; apply one with daybreak apply -f FILE";
    }
    TreeSet<String> labels = new TreeSet<>();
    searched.forEach(
        e -> e.spec().spec().labels().forEach((key, value) -> labels.add(key + "=" + value)));
    return "no environment matches the selector '"
        + selector
        + "' (of "
        + searched.size()
        + " environment(s); labels in use: "
        + (labels.isEmpty() ? "none: add metadata.labels to the manifests" : shortened(labels))
        + ")";
  }

  private static String shortened(TreeSet<String> labels) {
    List<String> shown = labels.stream().limit(SHOWN_LABELS).toList();
    return String.join(", ", shown)
        + (labels.size() > shown.size() ? " and " + (labels.size() - shown.size()) + " more" : "");
  }
}
