package dev.daybreak.cli;

import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --account}: the AWS account the command's credentials act in (a picocli mixin). With the
 * region, it fills in a plain cluster name, so that a cluster ARN of another account is told apart.
 */
final class AccountOptions {

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT_ID",
      description =
          "The AWS account (12 digits) the controller acts in: a plain cluster name is taken to be"
              + " in it, and a cluster ARN of another account is refused. Env: DAYBREAK_ACCOUNT."
              + " Default: unknown (ARNs are then checked by region only).")
  private String account;

  /**
   * The account, when given.
   *
   * @throws IllegalArgumentException when it is not 12 digits
   */
  Optional<String> account() {
    Optional<String> given =
        Optional.ofNullable(account).map(String::strip).filter(a -> !a.isEmpty());
    if (given.isPresent() && !ACCOUNT.matcher(given.get()).matches()) {
      throw new IllegalArgumentException(
          "--account (or DAYBREAK_ACCOUNT): expected an AWS account id of 12 digits but found '"
              + given.get()
              + "'");
    }
    return given;
  }
}
