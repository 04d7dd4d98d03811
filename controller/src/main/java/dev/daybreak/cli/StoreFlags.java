package dev.daybreak.cli;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The store options, declared once on the root command and inherited by the subcommands that use a
 * store ({@code scope = INHERIT}), so they are accepted before the subcommand as well as after it
 * ({@code daybreak --table t get envs}, like {@code kubectl -n ns get pods}). Commands read them
 * through their {@link StoreOptions} mixin; {@link GlobalOptions} checks a double specification.
 */
final class StoreFlags {

  @Option(
      names = "--store",
      paramLabel = "dynamodb|memory",
      defaultValue = "dynamodb",
      description = {
        "Where state lives: dynamodb, or memory (this process only: it starts empty and nothing"
            + " persists, for tests and the sandbox).",
        "Env: DAYBREAK_STORE. Default: ${DEFAULT-VALUE}."
      })
  StoreOptions.Kind kind;

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
      names = "--audit-retention",
      paramLabel = "DURATION",
      defaultValue = "400d",
      converter = DurationConverter.Positive.class,
      description =
          "How long audit entries are kept: each carries expiresAt, its time plus this, and"
              + " DynamoDB's TTL deletes it after that. Env: DAYBREAK_AUDIT_RETENTION."
              + " Default: ${DEFAULT-VALUE}.")
  Duration auditRetention;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The AWS region. Env: DAYBREAK_REGION. Default: the AWS SDK's (AWS_REGION, profile).")
  String region;
}
