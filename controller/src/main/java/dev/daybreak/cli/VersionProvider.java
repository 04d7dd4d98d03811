package dev.daybreak.cli;

import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar's manifest (the Maven project version). */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version =
        Optional.ofNullable(Daybreak.class.getPackage().getImplementationVersion())
            .orElse("development build");
    return new String[] {"daybreak " + version};
  }
}
