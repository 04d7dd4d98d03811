package dev.daybreak.store;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the DynamoDB client daybreak uses: URL-connection HTTP, bounded timeouts. */
public final class DynamoDbClients {

  /** A region for local endpoints (dynalite ignores it, but the SDK signs with one). */
  private static final Region LOCAL_REGION = Region.US_EAST_1;

  /** Fails fast when nothing listens, instead of the JDK's default of minutes. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

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
            .or(DynamoDbClients::configuredRegion)
            .or(() -> endpoint.map(e -> LOCAL_REGION))
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
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            : DefaultCredentialsProvider.builder().build();
    var builder =
        DynamoDbClient.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build())
            .region(resolved)
            .credentialsProvider(credentials)
            .overrideConfiguration(
                c -> c.apiCallTimeout(API_CALL_TIMEOUT).retryStrategy(RetryMode.STANDARD));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The region from settings and the profile file; never instance metadata (a network call). */
  private static Optional<Region> configuredRegion() {
    try {
      return Optional.of(
          new AwsRegionProviderChain(
                  new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
              .getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }
}
