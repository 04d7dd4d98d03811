package dev.daybreak.cli;

import dev.daybreak.store.DynamoDbClients;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Where state lives: the options every store-using command takes (a picocli mixin). */
public final class StoreOptions {

  /** Which store backs the command. */
  public enum Kind {
    /** One DynamoDB table (in AWS, or any DynamoDB-compatible endpoint). */
    DYNAMODB,
    /** In this process only: starts empty and keeps nothing (for tests and the sandbox). */
    MEMORY
  }

  @Option(
      names = "--store",
      paramLabel = "dynamodb|memory",
      defaultValue = "dynamodb",
      description = {
        "Where state lives: dynamodb, or memory (this process only: it starts empty and nothing"
            + " persists, for tests and the sandbox).",
        "Env: DAYBREAK_STORE. Default: ${DEFAULT-VALUE}."
      })
  Kind kind;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      defaultValue = "daybreak",
      description = "The DynamoDB table. Env: DAYBREAK_TABLE. Default: ${DEFAULT-VALUE}.")
  String table;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description =
          "A DynamoDB-compatible endpoint instead of AWS, e.g. http://127.0.0.1:8000."
              + " Env: DAYBREAK_DYNAMODB_ENDPOINT.")
  URI endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The AWS region. Env: DAYBREAK_REGION. Default: the AWS SDK's (AWS_REGION, profile).")
  String region;

  /** The {@code --region} every AWS client of the command uses; empty: the SDK's chain. */
  Optional<String> region() {
    return Optional.ofNullable(region).filter(r -> !r.isBlank());
  }

  /** A store and what must be closed with it. */
  record Opened(StateStore store, Optional<DynamoDbClient> client) implements AutoCloseable {
    @Override
    public void close() {
      client.ifPresent(DynamoDbClient::close);
    }
  }

  /** Opens the store these options name. */
  Opened open(CliContext context, PrintWriter err) {
    if (kind == Kind.MEMORY) {
      return new Opened(
          context
              .memory()
              .orElseGet(
                  () -> {
                    err.println(
                        "note: --store memory keeps state in this process only: it starts empty"
                            + " and nothing is kept after this command");
                    return new InMemoryStateStore(context.clock());
                  }),
          Optional.empty());
    }
    DynamoDbClient client = client();
    return new Opened(new DynamoDbStateStore(client, table, context.clock()), Optional.of(client));
  }

  /** A DynamoDB client for these options. */
  DynamoDbClient client() {
    return DynamoDbClients.create(Optional.ofNullable(endpoint), Optional.ofNullable(region));
  }

  String table() {
    return table;
  }

  Kind kind() {
    return kind;
  }
}
