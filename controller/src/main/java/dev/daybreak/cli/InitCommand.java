package dev.daybreak.cli;

import dev.daybreak.store.TableSetup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code daybreak init}: creates the table. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the DynamoDB table daybreak keeps its state in: " + TableSetup.EXPECTED_SCHEMA + ".",
      "Safe to run again: an existing table with that key schema is left as it is; one with"
          + " another key schema is an error."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE, ExitCodes.STORE_LINE})
final class InitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  InitCommand(CliContext context) {}

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (store.kind() == StoreOptions.Kind.MEMORY) {
      out.println("the memory store needs no table: nothing to do");
      return ExitCodes.OK;
    }
    try (DynamoDbClient client = store.client()) {
      TableSetup.Outcome outcome = new TableSetup(client).ensureTable(store.table());
      out.println(
          switch (outcome) {
            case CREATED ->
                "table/" + store.table() + " created (" + TableSetup.EXPECTED_SCHEMA + ")";
            case ALREADY_EXISTS ->
                "table/" + store.table() + " already exists with the right key schema: unchanged";
          });
    }
    return ExitCodes.OK;
  }
}
