package dev.daybreak.ecssim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an Application Auto Scaling Describe call.
 *
 * @param items the items on this page
 * @param nextToken where the next page starts, when there is one
 * @param <T> the item type
 */
public record ScalingPage<T>(List<T> items, Optional<String> nextToken) {
  public ScalingPage {
    items = List.copyOf(items);
    Objects.requireNonNull(nextToken, "nextToken");
  }
}
