package dev.daybreak.secrets;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads one secret string from AWS Secrets Manager by ARN (the Slack bot token, the signing
 * secret). The region is the ARN's; an endpoint on this machine (a test's mock) is called with
 * dummy credentials, so real ones never leave for it and nothing asks instance metadata.
 */
public final class SecretsManager {

  /** The environment variable that points the client at another endpoint (tests). */
  public static final String ENDPOINT_VARIABLE = "DAYBREAK_SECRETS_MANAGER_ENDPOINT";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Optional<URI> endpoint;

  public SecretsManager(Optional<URI> endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * The secret's string value; empty while the secret has no value yet (deploy/ creates the secrets
   * empty, for the user to fill). Only GetSecretValue is called.
   *
   * @throws IllegalStateException naming the ARN (never the value) when it cannot be read
   */
  public Optional<String> read(String arn) {
    Region region = regionOf(arn);
    try (SecretsManagerClient client = client(region)) {
      GetSecretValueResponse response = client.getSecretValue(r -> r.secretId(arn));
      return Optional.ofNullable(response.secretString())
          .map(String::strip)
          .filter(v -> !v.isEmpty());
    } catch (ResourceNotFoundException e) {
      if (hasNoValue(e)) {
        return Optional.empty();
      }
      throw new IllegalStateException(
          "cannot read the secret " + arn + " from AWS Secrets Manager: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot read the secret " + arn + " from AWS Secrets Manager: " + e.getMessage(), e);
    }
  }

  /**
   * Whether GetSecretValue's ResourceNotFoundException means the secret exists without a value (one
   * created empty has no AWSCURRENT version) rather than no such secret. AWS says which in the
   * message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
   * against "... can't find the specified secret." (GetSecretValue in the Secrets Manager API
   * reference; observed answers). Nothing else is asked: deploy/'s role grants GetSecretValue only.
   */
  static boolean hasNoValue(ResourceNotFoundException e) {
    String message = Optional.ofNullable(e.awsErrorDetails().errorMessage()).orElse("");
    return message.contains("secret value for staging label");
  }

  /** The region of an ARN {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME}. */
  static Region regionOf(String arn) {
    String[] parts = arn.split(":", 7);
    if (parts.length < 7
        || !parts[0].equals("arn")
        || !parts[2].equals("secretsmanager")
        || parts[3].isEmpty()) {
      throw new IllegalArgumentException(
          "'"
              + arn
              + "' is not a Secrets Manager secret ARN; expected"
              + " arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME");
    }
    return Region.of(parts[3]);
  }

  private SecretsManagerClient client(Region region) {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .region(region)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(TIMEOUT)
                    .socketTimeout(TIMEOUT));
    endpoint.ifPresent(
        url -> {
          builder.endpointOverride(url);
          if (isLoopback(url)) {
            builder.credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
          }
        });
    return builder.build();
  }

  private static boolean isLoopback(URI url) {
    try {
      return url.getHost() != null && InetAddress.getByName(url.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
