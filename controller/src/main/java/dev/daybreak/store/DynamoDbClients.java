package dev.daybreak.store;

import dev.daybreak.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the DynamoDB client daybreak uses: URL-connection HTTP, bounded timeouts. */
public final class DynamoDbClients {

  /**
   * One call including the SDK's retries. Retries follow the SDK's standard mode (3 attempts,
   * exponential backoff with jitter) rather than DynamoDB's legacy default of 9 attempts, so an
   * unreachable endpoint is reported in about a second.
   */
  private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

  private DynamoDbClients() {}

  /**
   * A client for {@code region} (else {@code AWS_REGION} / {@code aws.region} / the profile's
   * region), at {@code endpoint} when given (e.g. dynalite on loopback).
   *
   * <p>With an endpoint, nothing is looked up over the network: the region falls back to {@code
   * us-east-1} and credentials come from the environment, system properties or the profile file,
   * else placeholder credentials, which local servers accept. Without one, the SDK's default chains
   * apply (including the ECS task role and instance metadata).
   *
   * @throws StoreException when no region is given or configured and there is no endpoint
   */
  public static DynamoDbClient create(Optional<URI> endpoint, Optional<String> region) {
    Region resolved =
        region
            .map(Region::of)
            .or(AwsClients::configuredRegion)
            .or(() -> endpoint.map(e -> AwsClients.LOCAL_REGION))
            .orElseThrow(
                () ->
                    new StoreException(
                        "no AWS region: pass --region (or set DAYBREAK_REGION or AWS_REGION)"));
    AwsCredentialsProvider credentials =
        endpoint.isPresent()
            ? AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create(),
                ProfileCredentialsProvider.create(),
                AwsClients.placeholderCredentials())
            : DefaultCredentialsProvider.builder().build();
    return AwsClients.build(
        DynamoDbClient.builder(), resolved, credentials, endpoint, API_CALL_TIMEOUT);
  }
}
