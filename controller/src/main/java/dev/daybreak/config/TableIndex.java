package dev.daybreak.config;

import java.util.List;

/**
 * The state table's one global secondary index, as {@code daybreak init} creates it and deploy/'s
 * table declares it (deploy/'s tests compare the two): partition key {@code sk}, sort key {@code
 * pk}, projecting what the controller reads of a desired item. The resync and the list of
 * environments query its {@code spec} and {@code desired} partitions, so what they read grows with
 * the environments, not with their audit history. JDK-only, like {@link Setting}.
 */
public final class TableIndex {

  /** The index's name. */
  public static final String NAME = "bySortKey";

  /** The attributes it projects besides its keys (a desired item's). */
  public static final List<String> PROJECTED =
      List.of(
          "state",
          "until",
          "services",
          "requestedBy",
          "reason",
          "requestedAt",
          "version",
          "fingerprint",
          "via",
          "changedAt",
          "pinned");

  private TableIndex() {}
}
