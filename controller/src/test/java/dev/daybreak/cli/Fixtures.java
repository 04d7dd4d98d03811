package dev.daybreak.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manifest files for CLI tests. */
final class Fixtures {

  static final String SEED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: seed
      spec:
        cluster: dev
        services:
          - name: a
            replicas: 1
          - name: b
            replicas: 3
            dependsOn: [a]
          - name: c
            replicas: 1
            dependsOn: [b]
      """;

  private Fixtures() {}

  static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
