package dev.daybreak.store;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the DynamoDB client daybreak uses: URL-connection HTTP, bounded timeouts. */
public final class DynamoDbClients {

  /** A region for local endpoints (dynalite ignores it, but the SDK signs with one). */
  private static final Region LOCAL_REGION = Region.US_EAST_1;

  /** Fails fast when nothing listens, instead of the JDK's default of minutes. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

  /** One call including the SDK's retries. */
  private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

  private DynamoDbClients() {}

  /**
   * A client for {@code region} (or the SDK's default region chain), at {@code endpoint} when given
   * (e.g. dynalite on loopback). With an endpoint and no AWS credentials configured, it signs with
   * placeholder credentials, which local servers accept.
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
    AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    if (endpoint.isPresent()) {
      credentials =
          AwsCredentialsProviderChain.of(
              credentials,
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }
    var builder =
        DynamoDbClient.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build())
            .region(resolved)
            .credentialsProvider(credentials)
            .overrideConfiguration(c -> c.apiCallTimeout(API_CALL_TIMEOUT));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static Optional<Region> configuredRegion() {
    try {
      return Optional.of(new DefaultAwsRegionProviderChain().getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }
}
