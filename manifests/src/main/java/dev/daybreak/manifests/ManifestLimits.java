package dev.daybreak.manifests;

/**
 * The bounds a manifest must stay within. They keep a hostile or broken file (an alias bomb, a
 * deeply nested or huge document, an absurd count) from exhausting memory or ECS, and are far above
 * what a real environment needs.
 */
public final class ManifestLimits {

  /** The largest manifest file, in bytes: 1 MiB. */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  /** The largest manifest text, in code points (also SnakeYAML's per-document limit). */
  public static final int MAX_CODE_POINTS = 1024 * 1024;

  /** How deeply mappings and sequences may nest; a manifest needs fewer than 10 levels. */
  public static final int MAX_NESTING_DEPTH = 32;

  /** Aliases ({@code *name}) allowed in one document. */
  public static final int MAX_ALIASES = 50;

  /** Values in one document after aliases are expanded (each alias counts its whole subtree). */
  public static final int MAX_VALUES = 100_000;

  /**
   * Services in one environment. Also bounds the dependency graph's depth-first walk, which
   * recurses once per {@code dependsOn} hop.
   */
  public static final int MAX_SERVICES = 500;

  /**
   * Windows in one schedule. Also bounds the validator's pairwise overlap check; a week needs a
   * handful.
   */
  public static final int MAX_WINDOWS = 100;

  /** The highest task count a service may be woken to. */
  public static final int MAX_REPLICAS = 1000;

  private ManifestLimits() {}
}
