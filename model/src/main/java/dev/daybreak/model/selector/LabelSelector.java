package dev.daybreak.model.selector;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: requirements joined by commas, all of which must hold (there is no
 * OR). The syntax and semantics are those of kubernetes.io, "Labels and Selectors":
 *
 * <ul>
 *   <li>equality: {@code team=shop}, {@code team==shop}, {@code tier!=dev} ({@code !=} also matches
 *       environments without the label);
 *   <li>sets: {@code team in (shop, pay)}, {@code tier notin (dev, test)} ({@code notin} also
 *       matches environments without the label);
 *   <li>existence: {@code team} (the label is present), {@code !team} (it is absent).
 * </ul>
 *
 * <p>Unlike Kubernetes, an empty selector is refused rather than matching everything, and {@code in
 * ()} with no value is refused rather than read as the empty value: both are more likely a mistake
 * than a wish, and a selector may put every matching environment to sleep.
 *
 * @param requirements what must hold, in the order written
 */
public record LabelSelector(List<Requirement> requirements) {

  public LabelSelector {
    requirements = List.copyOf(requirements);
    if (requirements.isEmpty()) {
      throw new IllegalArgumentException("a label selector has at least one requirement");
    }
  }

  /**
   * Reads a selector.
   *
   * @throws SelectorException naming the column, what was found there and what would be valid
   */
  public static LabelSelector parse(String text) {
    return new LabelSelector(new SelectorParser(text).requirements());
  }

  /** Whether an object with these labels is selected. */
  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  /** The selector in canonical syntax, e.g. {@code team=shop,tier notin (dev)}. */
  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }
}
