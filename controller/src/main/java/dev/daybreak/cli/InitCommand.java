package dev.daybreak.cli;

import dev.daybreak.store.ReplayLedger;
import dev.daybreak.store.StoreException;
import dev.daybreak.store.TableSetup;
import java.io.PrintWriter;
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
      index(new TableSetup(client), out, spec.commandLine().getErr());
      expiry(new TableSetup(client), out, spec.commandLine().getErr());
    }
    return ExitCodes.OK;
  }

  /**
   * Adds the resync's sparse index to a table created before it. An endpoint that cannot add an
   * index to an existing table (dynalite) is a warning: the controller's resync then scans the
   * whole table, which works and costs more as the audit history grows.
   */
  private void index(TableSetup setup, PrintWriter out, PrintWriter err) {
    try {
      if (setup.ensureIndex(store.table()) == TableSetup.Index.ADDED) {
        out.println("table/" + store.table() + " index " + TableSetup.INDEX + " added");
      }
    } catch (StoreException e) {
      err.println("warning: " + e.getMessage());
    }
  }

  /**
   * Turns on TTL for chat-ops' replay records and audit entries. An endpoint without TTL (dynalite)
   * is a warning, not an error: an expired record counts as absent, so such records only take
   * space.
   */
  private void expiry(TableSetup setup, PrintWriter out, PrintWriter err) {
    try {
      out.println(
          switch (setup.ensureExpiry(store.table())) {
            case ENABLED ->
                "table/" + store.table() + " TTL turned on for " + ReplayLedger.EXPIRES_AT;
            case ALREADY_ENABLED ->
                "table/" + store.table() + " TTL already on for " + ReplayLedger.EXPIRES_AT;
          });
    } catch (StoreException e) {
      err.println(
          "warning: "
              + e.getMessage()
              + " (expired chat-ops replay records stay in the table; they are ignored)");
    }
  }
}
