package dev.daybreak.cli;

/** How {@code get} and {@code describe} print. */
enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** JSON for scripts. */
  JSON,
  /** YAML for scripts and people. */
  YAML
}
