package dev.daybreak.iam;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line of a daybreak process a test starts from the shaded jar, with the AWS calls it
 * makes recorded like the test JVM's own: the jar plus the recorder's classes and its SDK
 * registration file (copied apart from the rest of the test classes, so that nothing else of them,
 * such as logback-test.xml, reaches the process), and the recording directory. Without recording
 * (no {@value CallLog#DIRECTORY_PROPERTY}), it is {@code java -cp JAR dev.daybreak.cli.Daybreak}.
 */
public final class RecordingJvm {

  /** The jar's main class (its manifest's, and the image's). */
  public static final String MAIN_CLASS = "dev.daybreak.cli.Daybreak";

  private static final String REGISTRATION =
      "software/amazon/awssdk/global/handlers/execution.interceptors";

  private RecordingJvm() {}

  /**
   * {@code java [-Ddaybreak.awsCalls=DIR] [flags] -cp JAR[:RECORDER] dev.daybreak.cli.Daybreak}.
   */
  public static List<String> command(String java, Path jar, String... jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(java);
    String classpath = jar.toString();
    if (CallLog.directory().isPresent()) {
      Path dir = CallLog.directory().get();
      command.add("-D" + CallLog.DIRECTORY_PROPERTY + "=" + dir);
      classpath += File.pathSeparator + recorderClasses(dir.resolveSibling("aws-call-recorder"));
    }
    command.addAll(List.of(jvmFlags));
    command.addAll(List.of("-cp", classpath, MAIN_CLASS));
    return command;
  }

  /**
   * Rewrites a process's {@code java -jar JAR ARGS...} into {@link #command} followed by the same
   * arguments, so the calls it makes are recorded.
   *
   * @throws IllegalArgumentException when the command does not start with {@code java -jar JAR}
   */
  public static ProcessBuilder record(ProcessBuilder builder) {
    List<String> old = builder.command();
    if (old.size() < 3 || !old.get(1).equals("-jar")) {
      throw new IllegalArgumentException("expected java -jar JAR ..., found " + old);
    }
    List<String> rewritten = new ArrayList<>(command(old.get(0), Path.of(old.get(2))));
    rewritten.addAll(old.subList(3, old.size()));
    return builder.command(rewritten);
  }

  private static synchronized Path recorderClasses(Path target) {
    try {
      Path classes =
          Path.of(
              RecordingInterceptor.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      Path pkg = Path.of("dev", "daybreak", "iam");
      Files.createDirectories(target.resolve(pkg));
      try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          Files.copy(
              file,
              target.resolve(pkg).resolve(file.getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.createDirectories(target.resolve(REGISTRATION).getParent());
      Files.copy(
          classes.resolve(REGISTRATION),
          target.resolve(REGISTRATION),
          StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
