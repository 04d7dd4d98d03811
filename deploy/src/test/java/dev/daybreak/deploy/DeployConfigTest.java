package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class DeployConfigTest {
  private static DeployConfig read(Map<String, Object> context) {
    return DeployConfig.fromContext(context::get);
  }

  @Test
  void fromContext_commaSeparatedClusters_areTrimmedAndDeduplicated() {
    DeployConfig config = read(Map.of("clusters", " dev, staging ,dev,"));

    assertThat(config.clusters()).containsExactly("dev", "staging");
    assertThat(config.mode()).isEqualTo(Mode.SERVERLESS);
    assertThat(config.tableName()).isEqualTo("daybreak");
    assertThat(config.logRetentionDays()).isEqualTo(30);
  }

  @Test
  void fromContext_clustersAsAJsonList_areRead() {
    assertThat(read(Map.of("clusters", List.of("dev", "qa"))).clusters())
        .containsExactly("dev", "qa");
  }

  @Test
  void fromContext_noClusters_namesTheKeyAndAnExample() {
    assertThatThrownBy(() -> read(Map.of("mode", "serverless")))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("context 'clusters'")
        .hasMessageContaining("-c clusters=dev,staging");
  }

  @Test
  void fromContext_serviceModeWithoutImage_saysImageIsRequired() {
    assertThatThrownBy(() -> read(Map.of("mode", "service", "clusters", "dev")))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("context 'image'")
        .hasMessageContaining("mode=service");
  }

  @Test
  void fromContext_unknownMode_listsTheValidModes() {
    assertThatThrownBy(() -> read(Map.of("mode", "kubernetes", "clusters", "dev")))
        .isInstanceOf(DeployConfigException.class)
        .hasMessage("context 'mode': expected one of serverless, service but found 'kubernetes'");
  }

  @Test
  void fromContext_clusterNameWithASlash_isRejected() {
    assertThatThrownBy(() -> read(Map.of("clusters", "dev/*")))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("found 'dev/*'");
  }

  @Test
  void fromContext_retentionThatCloudWatchDoesNotOffer_listsTheValidPeriods() {
    assertThatThrownBy(() -> read(Map.of("clusters", "dev", "logRetentionDays", "31")))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("context 'logRetentionDays'")
        .hasMessageContaining("30, 60")
        .hasMessageContaining("found 31");
  }

  @Test
  void fromContext_deprecatedAutoscalingTrue_isStillAccepted() {
    assertThat(read(Map.of("clusters", "dev", "autoscaling", "true")).clusters())
        .containsExactly("dev");
  }

  @Test
  void fromContext_autoscalingFalse_isRejectedNamingTheManifestOptOut() {
    assertThatThrownBy(() -> read(Map.of("clusters", "dev", "autoscaling", "false")))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageStartingWith(
            "context 'autoscaling' is deprecated and only 'true' is accepted, found 'false'")
        .hasMessageContaining("spec.autoscaling: ignore");
  }

  @Test
  void fromContext_dryRunInServerlessMode_saysItNeedsServiceMode() {
    assertThatThrownBy(() -> read(Map.of("clusters", "dev", "dryRun", "true")))
        .isInstanceOf(DeployConfigException.class)
        .hasMessage(
            "context 'dryRun': a dry run keeps the controller's plan in memory from pass to pass,"
                + " which a Lambda invocation cannot, so it needs -c mode=service (and -c"
                + " image=...) but mode is serverless");
  }

  @Test
  void everyRetentionPeriod_mapsToCloudWatchsPeriod() {
    assertThat(DeployConfig.RETENTION_DAYS).hasSize(22);
    assertThat(read(Map.of("clusters", "dev", "logRetentionDays", 731)).logRetention().name())
        .isEqualTo("TWO_YEARS");
  }

  @Test
  void serverlessStack_withoutTheControllersJar_saysHowToBuildIt() {
    App app =
        new App(
            AppProps.builder()
                .context(
                    Map.of(
                        "mode", "serverless",
                        "clusters", "dev",
                        "controllerJar", "no/such/daybreak.jar"))
                .build());

    assertThatThrownBy(() -> DaybreakApp.stack(app, Optional.empty()))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("context 'controllerJar'")
        .hasMessageContaining("no/such/daybreak.jar")
        .hasMessageContaining("./mvnw -B install -DskipTests");
  }
}
