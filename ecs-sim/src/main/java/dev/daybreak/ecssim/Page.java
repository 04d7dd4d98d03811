package dev.daybreak.ecssim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a List call.
 *
 * @param arns the ARNs on this page
 * @param nextToken where the next page starts, when there is one
 */
public record Page(List<String> arns, Optional<String> nextToken) {
  public Page {
    arns = List.copyOf(arns);
    Objects.requireNonNull(nextToken, "nextToken");
  }
}
