package dev.daybreak.iam;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which part of daybreak issued an AWS call, read from the calling thread's stack (the SDK's
 * synchronous clients call interceptors on the caller's thread).
 *
 * <ul>
 *   <li>A call whose nearest daybreak frame is test code (a test's own client setting up dynalite
 *       or the simulator) is not daybreak's: not recorded.
 *   <li>{@link AwsCall#OPERATOR}: under one of the CLI's commands a person runs with their own
 *       credentials (anything but {@code run} and {@code reconcile}), or under {@code TableSetup},
 *       which only {@code init} and tests use (deploy/ creates the table).
 *   <li>{@link AwsCall#CHATOPS}: under Slack's request handling.
 *   <li>{@link AwsCall#CONTROLLER}: everything else.
 * </ul>
 */
final class CallOrigin {

  private static final Set<String> DEPLOYED_COMMANDS =
      Set.of("dev.daybreak.cli.RunCommand", "dev.daybreak.cli.ReconcileCommand");

  private CallOrigin() {}

  static Optional<String> ofCurrentThread() {
    List<Class<?>> daybreak =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(
                frames ->
                    frames
                        .map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c.getName().startsWith("dev.daybreak."))
                        .filter(c -> !c.getName().startsWith("dev.daybreak.iam."))
                        .toList());
    if (daybreak.isEmpty() || isTestCode(daybreak.get(0))) {
      return Optional.empty();
    }
    boolean operator =
        daybreak.stream()
            .map(Class::getName)
            .anyMatch(
                n ->
                    n.equals("dev.daybreak.store.TableSetup")
                        || (n.startsWith("dev.daybreak.cli.")
                            && n.endsWith("Command")
                            && !DEPLOYED_COMMANDS.contains(n)));
    if (operator) {
      return Optional.of(AwsCall.OPERATOR);
    }
    boolean chatops =
        daybreak.stream()
            .map(Class::getName)
            .anyMatch(
                n ->
                    n.startsWith("dev.daybreak.chatops.")
                        || n.equals("dev.daybreak.lambda.FunctionUrl"));
    return Optional.of(chatops ? AwsCall.CHATOPS : AwsCall.CONTROLLER);
  }

  /** Classes compiled from a module's src/test (test-classes, or a test-jar). */
  private static boolean isTestCode(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return false;
    }
    URL location = source.getLocation();
    String path = location.getPath();
    return path.contains("/test-classes/") || path.endsWith("-tests.jar");
  }
}
