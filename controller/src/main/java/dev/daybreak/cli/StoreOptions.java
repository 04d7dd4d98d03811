package dev.daybreak.cli;

import dev.daybreak.store.DynamoDbClients;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where state lives, for a command that uses a store (a picocli mixin): reads the store options,
 * which the root command declares and its store-using subcommands inherit ({@link StoreFlags}).
 */
@Command
public final class StoreOptions {

  /** Which store backs the command. */
  public enum Kind {
    /** One DynamoDB table (in AWS, or any DynamoDB-compatible endpoint). */
    DYNAMODB,
    /** In this process only: starts empty and keeps nothing (for tests and the sandbox). */
    MEMORY
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private final Map<String, Given> given = new HashMap<>();

  /** Where an inherited store option given after the subcommand keeps its value. */
  static final class Given implements IGetter, ISetter {
    private Object value;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T previous = (T) this.value;
      this.value = value;
      return previous;
    }
  }

  /** The binding of the inherited option {@code name} on this command. */
  Given given(String name) {
    return given.computeIfAbsent(name, n -> new Given());
  }

  /** The option's value after the subcommand if given there, else the root's (given or default). */
  @SuppressWarnings("unchecked")
  private <T> T value(String name, T root) {
    Given after = given.get(name);
    boolean givenAfter =
        after != null
            && mixee.commandLine().getParseResult() != null
            && mixee.commandLine().getParseResult().hasMatchedOption(name);
    return givenAfter ? (T) after.value : root;
  }

  private StoreFlags root() {
    Object root = mixee.root().userObject();
    if (root instanceof StoreRoot declaring) {
      return declaring.storeFlags();
    }
    throw new IllegalStateException(
        "the store options are declared on a root command (daybreak, or the Lambda's settings); "
            + mixee.qualifiedName()
            + " runs without it");
  }

  private Kind kindValue() {
    return value("--store", root().kind);
  }

  private String tableValue() {
    return value("--table", root().table);
  }

  private Optional<URI> endpointValue() {
    return Optional.ofNullable(value("--dynamodb-endpoint", root().endpoint));
  }

  private Duration auditRetentionValue() {
    return value("--audit-retention", root().auditRetention);
  }

  private Optional<String> regionValue() {
    return Optional.ofNullable(value("--region", root().region));
  }

  /** The {@code --region} every AWS client of the command uses; empty: the SDK's chain. */
  Optional<String> region() {
    return regionValue().filter(r -> !r.isBlank());
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
    if (kindValue() == Kind.MEMORY) {
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
    return new Opened(
        new DynamoDbStateStore(client, tableValue(), context.clock(), auditRetentionValue()),
        Optional.of(client));
  }

  /** A DynamoDB client for these options. */
  DynamoDbClient client() {
    return DynamoDbClients.create(endpointValue(), regionValue());
  }

  String table() {
    return tableValue();
  }

  Kind kind() {
    return kindValue();
  }
}
