package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

final class DynamoDbClientsTest {

  @Test
  void create_withALocalEndpoint_looksNothingUpOverTheNetwork() {
    try (DynamoDbClient client =
        DynamoDbClients.create(
            Optional.of(URI.create("http://127.0.0.1:8000")), Optional.empty())) {
      var configuration = client.serviceClientConfiguration();

      assertThat(configuration.endpointOverride()).contains(URI.create("http://127.0.0.1:8000"));
      assertThat(configuration.credentialsProvider())
          .isInstanceOf(AwsCredentialsProviderChain.class);
      assertThat(configuration.credentialsProvider().toString())
          .contains("EnvironmentVariableCredentialsProvider", "accessKeyId=local")
          .doesNotContain("InstanceProfile", "ContainerCredentials", "DefaultCredentialsProvider");
    }
  }

  @Test
  void create_withAnExplicitRegion_usesIt() {
    try (DynamoDbClient client =
        DynamoDbClients.create(
            Optional.of(URI.create("http://127.0.0.1:8000")), Optional.of("eu-west-1"))) {
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
    }
  }

  @Test
  void create_forAwsWithoutAnyRegion_saysHowToGiveOne() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("AWS_REGION") == null
            && System.getenv("AWS_DEFAULT_REGION") == null
            && System.getProperty("aws.region") == null
            && !java.nio.file.Files.exists(
                java.nio.file.Path.of(System.getProperty("user.home"), ".aws", "config")),
        "a region is configured on this machine");

    assertThatThrownBy(() -> DynamoDbClients.create(Optional.empty(), Optional.empty()))
        .isInstanceOf(StoreException.class)
        .hasMessage("no AWS region: pass --region (or set DAYBREAK_REGION or AWS_REGION)");
  }
}
