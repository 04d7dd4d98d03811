package dev.daybreak.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where recorded AWS calls go: one JSON line per distinct call, in {@code calls-<pid>.jsonl} under
 * the directory named by the system property {@value #DIRECTORY_PROPERTY} (it/'s failsafe sets it
 * to {@code it/target/aws-calls}; a process a test starts gets it on its command line). Without the
 * property nothing is recorded.
 */
public final class CallLog {

  /** The system property naming the directory of the call files. */
  public static final String DIRECTORY_PROPERTY = "daybreak.awsCalls";

  static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final Set<AwsCall> SEEN = ConcurrentHashMap.newKeySet();

  private CallLog() {}

  static boolean enabled() {
    return directory().isPresent();
  }

  /** The directory of the call files, when recording is on. */
  public static Optional<Path> directory() {
    return Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY))
        .filter(s -> !s.isBlank())
        .map(Path::of);
  }

  static void record(AwsCall call) {
    Path dir = directory().orElseThrow();
    if (!SEEN.add(call)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      String line = JSON.writeValueAsString(call) + "\n";
      synchronized (CallLog.class) {
        Files.writeString(
            dir.resolve("calls-" + ProcessHandle.current().pid() + ".jsonl"),
            line,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record an AWS call in " + dir, e);
    }
  }

  /** Every distinct call recorded in {@code dir}, by every process. */
  public static List<AwsCall> read(Path dir) throws IOException {
    List<AwsCall> calls = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return calls;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            calls.add(JSON.readValue(line, AwsCall.class));
          }
        }
      }
    }
    return calls.stream().distinct().toList();
  }
}
