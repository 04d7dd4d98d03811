package dev.daybreak.manifests;

/** Reading a YAML text has to stop: a limit was exceeded or the structure cannot be followed. */
final class UnreadableYaml extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Position at;
  private final transient FieldPath path;

  UnreadableYaml(Position at, FieldPath path, String message) {
    super(message, null, false, false);
    this.at = at;
    this.path = path;
  }

  Position at() {
    return at;
  }

  FieldPath path() {
    return path;
  }
}
