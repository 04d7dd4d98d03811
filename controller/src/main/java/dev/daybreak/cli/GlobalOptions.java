package dev.daybreak.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The root command's inherited options ({@link StoreFlags}): on the subcommands that use a store,
 * and given with one value whether before or after the subcommand.
 */
final class GlobalOptions {

  /** The name of the root command's {@link StoreFlags} mixin (its field name). */
  static final String MIXIN = "store";

  private GlobalOptions() {}

  /**
   * Gives every subcommand that uses a store (has a {@link StoreOptions} mixin) an inherited copy
   * of each root store option: picocli's inherited options ({@link OptionSpec#inherited()}: one
   * binding, set whether the option comes before or after the subcommand). Not {@code scope =
   * INHERIT} on the root, which puts an option on every subcommand: {@code ecs-sim} has a {@code
   * --region} of its own (the simulated region), and {@code daybreak validate --table t} should
   * stay an unknown option rather than one silently ignored.
   */
  static void inherit(CommandLine root) {
    List<OptionSpec> global = root.getCommandSpec().mixins().get(MIXIN).options();
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      for (CommandSpec mixin : spec.mixins().values()) {
        if (mixin.userObject() instanceof StoreOptions options) {
          for (OptionSpec o : global) {
            // Its own binding and no default: the root's default, applied once parsing ends,
            // must not overwrite a value given after the subcommand (StoreOptions merges them).
            StoreOptions.Given given = options.given(o.longestName());
            spec.addOption(
                OptionSpec.builder(o)
                    .inherited(true)
                    .defaultValue(null)
                    .initialValue(null)
                    .hasInitialValue(false)
                    .getter(given)
                    .setter(given)
                    .build());
          }
        }
      }
    }
  }

  /**
   * Refuses an inherited option given both before and after the subcommand with different values
   * ({@code daybreak --table a get envs --table b}); the same value twice is accepted.
   *
   * @throws ParameterException naming the option and both values
   */
  static void checkOnce(ParseResult root) {
    ParseResult leaf = root;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    if (leaf == root) {
      return;
    }
    for (OptionSpec before : root.matchedOptions()) {
      OptionSpec after = leaf.matchedOption(before.longestName());
      if (after != null && !after.originalStringValues().equals(before.originalStringValues())) {
        throw new ParameterException(
            leaf.commandSpec().commandLine(),
            before.longestName()
                + " is given before the command ("
                + String.join(", ", before.originalStringValues())
                + ") and after it ("
                + String.join(", ", after.originalStringValues())
                + "): give it once");
      }
    }
  }
}
