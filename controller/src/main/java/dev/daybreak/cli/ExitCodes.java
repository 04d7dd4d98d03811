package dev.daybreak.cli;

/**
 * The exit codes of every daybreak command, as documented in {@code --help} and
 * docs/command-line.md.
 */
final class ExitCodes {

  static final int OK = 0;
  static final int PROBLEM = 1;
  static final int USAGE = 2;
  static final int STORE = 3;
  static final int CONFLICT = 4;
  static final int TIMEOUT = 5;

  static final String HEADING = "%nExit codes:%n";
  static final String OK_LINE = "0:success";
  static final String PROBLEM_LINE =
      "1:the command ran and found a problem: invalid manifest, unknown environment or service,"
          + " malformed desired item, environment Degraded (watch)";
  static final String USAGE_LINE = "2:bad command-line usage: unknown option, bad duration or time";
  static final String STORE_LINE =
      "3:the state store cannot be used: DynamoDB unreachable, table missing or with the wrong"
          + " key schema, access denied";
  static final String CONFLICT_LINE =
      "4:someone else kept changing the same item while this command wrote; nothing was written,"
          + " run it again";
  static final String TIMEOUT_LINE = "5:watch timed out before the environment settled";

  private ExitCodes() {}
}
