package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.time.VirtualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/** The simulator against the real AWS SDK v2 EcsClient, over HTTP. */
class EcsProtocolIT {

  private static final Instant T0 = Instant.parse("2026-01-01T06:00:00Z");

  private final VirtualClock clock = VirtualClock.startingAt(T0);
  private final EcsSimFixture fixture =
      EcsSimFixture.start(
          SimSettings.builder()
              .startLatency(Latency.fixed(Duration.ofSeconds(20)))
              .require("b", "a")
              .build(),
          clock);
  private final EcsClient ecs = fixture.client();

  EcsProtocolIT() {
    fixture.sim.provision("dev", List.of("a", "b"));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void describeServices_returnsEcsShapesAndMissingFailures() {
    DescribeServicesResponse r = ecs.describeServices(b -> b.cluster("dev").services("a", "x"));

    Service a = r.services().get(0);
    assertThat(a.serviceName()).isEqualTo("a");
    assertThat(a.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/dev/a");
    assertThat(a.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/dev");
    assertThat(a.status()).isEqualTo("ACTIVE");
    assertThat(a.createdAt()).isEqualTo(T0);
    assertThat(a.deployments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo("PRIMARY");
              assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
              assertThat(d.failedTasks()).isZero();
              assertThat(d.createdAt()).isEqualTo(T0);
            });
    assertThat(a.events().get(0).message()).isEqualTo("(service a) has reached a steady state.");
    assertThat(a.events().get(0).createdAt()).isEqualTo(T0);
    assertThat(r.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/dev/x");
              assertThat(f.reason()).isEqualTo("MISSING");
            });
  }

  @Test
  void updateService_desiredCountTakesEffectAndTasksStart() {
    Service updated =
        ecs.updateService(b -> b.cluster("dev").service("a").desiredCount(2)).service();
    assertThat(updated.desiredCount()).isEqualTo(2);
    assertThat(updated.pendingCount()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(20));

    Service a = ecs.describeServices(b -> b.cluster("dev").services("a")).services().get(0);
    assertThat(a.runningCount()).isEqualTo(2);
    assertThat(a.events().get(0).message()).isEqualTo("(service a) has reached a steady state.");
    assertThat(a.events().get(1).message()).startsWith("(service a) has started 2 tasks: (task ");
  }

  @Test
  void listServices_paginatesWithNextTokenAndMaxResults() {
    fixture.sim.provision("big", IntStream.range(0, 25).mapToObj(i -> "s" + i).toList());

    List<String> arns =
        ecs.listServicesPaginator(b -> b.cluster("big").maxResults(10)).serviceArns().stream()
            .toList();

    assertThat(arns).hasSize(25).doesNotHaveDuplicates();
    assertThat(fixture.calls("ListServices")).hasSize(3);
  }

  @Test
  void createDescribeTagDelete_roundTrip() {
    ecs.createCluster(b -> b.clusterName("qa"));
    Service created =
        ecs.createService(
                b ->
                    b.cluster("qa")
                        .serviceName("web")
                        .taskDefinition("web:7")
                        .desiredCount(0)
                        .tags(Tag.builder().key("env").value("qa").build()))
            .service();
    assertThat(created.taskDefinition())
        .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/web:7");

    ecs.tagResource(
        b ->
            b.resourceArn(created.serviceArn()).tags(Tag.builder().key("team").value("x").build()));
    assertThat(ecs.listTagsForResource(b -> b.resourceArn(created.serviceArn())).tags())
        .extracting(Tag::key)
        .containsExactly("env", "team");
    assertThat(ecs.describeClusters(b -> b.clusters("qa", "nope")).clusters())
        .singleElement()
        .satisfies(c -> assertThat(c.activeServicesCount()).isEqualTo(1));

    assertThat(ecs.deleteService(b -> b.cluster("qa").service("web")).service().status())
        .isEqualTo("DRAINING");
    clock.advance(Duration.ofSeconds(1));
    assertThat(
            ecs.describeServices(b -> b.cluster("qa").services("web")).services().get(0).status())
        .isEqualTo("INACTIVE");
  }

  @Test
  void describeTasks_taskThatCrashedWithoutItsRequirement_saysWhy() {
    ecs.updateService(b -> b.cluster("dev").service("b").desiredCount(1));
    clock.advance(Duration.ofSeconds(30));

    List<String> stopped =
        ecs.listTasks(b -> b.cluster("dev").serviceName("b").desiredStatus("STOPPED")).taskArns();
    Task task = ecs.describeTasks(b -> b.cluster("dev").tasks(stopped)).tasks().get(0);

    assertThat(task.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(task.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
    assertThat(task.lastStatus()).isEqualTo("STOPPED");
    assertThat(task.containers().get(0).exitCode()).isEqualTo(1);
    assertThat(task.group()).isEqualTo("service:b");
  }

  @Test
  void errors_areEcsModeledExceptions() {
    assertThatThrownBy(() -> ecs.updateService(b -> b.cluster("dev").service("zz").desiredCount(1)))
        .isInstanceOf(ServiceNotFoundException.class)
        .hasMessageContaining("Service not found.");
    assertThatThrownBy(() -> ecs.describeServices(b -> b.cluster("prod").services("a")))
        .isInstanceOf(ClusterNotFoundException.class);
    List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "s" + i).toList();
    assertThatThrownBy(() -> ecs.describeServices(b -> b.cluster("dev").services(eleven)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void throttlingAndServerErrors_areClassifiedByTheSdkAsForRealEcs() {
    IntStream.range(0, 50)
        .forEach(i -> ecs.updateService(b -> b.cluster("dev").service("a").desiredCount(0)));
    assertThatThrownBy(() -> ecs.updateService(b -> b.cluster("dev").service("a").desiredCount(0)))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.isThrottlingException()).isTrue();
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            });

    fixture.post("/_sim/faults", "{\"errorRate\": {\"DescribeServices\": 1.0}}");
    assertThatThrownBy(() -> ecs.describeServices(b -> b.cluster("dev").services("a")))
        .isInstanceOfSatisfying(
            ServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
  }

  @Test
  void sdkDefaultRetryStrategy_retriesThrottlesAndServerErrorsAsAgainstEcs() {
    EcsClient standard =
        EcsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(fixture.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .backoffStrategy(attempt -> Duration.ofMillis(1))
                            .throttlingBackoffStrategy(attempt -> Duration.ofMillis(1))
                            .build()))
            .build();
    try (standard) {
      fixture.post("/_sim/faults", "{\"errorRate\": {\"DescribeServices\": 1.0}}");
      fixture.clearCalls();
      assertThatThrownBy(() -> standard.describeServices(b -> b.cluster("dev").services("a")))
          .isInstanceOf(ServerException.class);
      assertThat(fixture.calls("DescribeServices"))
          .hasSize(3)
          .allSatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("ServerException"));

      fixture.post("/_sim/faults", "{}");
      IntStream.range(0, 50)
          .forEach(i -> ecs.updateService(b -> b.cluster("dev").service("a").desiredCount(0)));
      fixture.clearCalls();
      assertThatThrownBy(
              () -> standard.updateService(b -> b.cluster("dev").service("a").desiredCount(0)))
          .isInstanceOfSatisfying(
              AwsServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
      assertThat(fixture.calls("UpdateService"))
          .hasSize(3)
          .allSatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("ThrottlingException"));
    }
  }

  @Test
  void unknownOperation_isRejectedAndLogged() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/"))
                    .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.RunTask")
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cluster\": \"dev\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/x-amz-json-1.1");
    assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
    JsonNode logged = fixture.calls().get(fixture.calls().size() - 1);
    assertThat(logged.path("op").asText()).isEqualTo("RunTask");
    assertThat(logged.path("outcome").asText()).isEqualTo("UnknownOperationException");
  }

  @Test
  void callLog_showsTheIssueShapeWithTheCaller() {
    ecs.updateService(b -> b.cluster("dev").service("b").desiredCount(3));

    JsonNode call = fixture.calls("UpdateService").get(0);

    assertThat(call.path("at").asText()).isEqualTo("2026-01-01T06:00:00Z");
    assertThat(call.path("cluster").asText()).isEqualTo("dev");
    assertThat(call.path("services").get(0).asText()).isEqualTo("b");
    assertThat(call.path("desiredCount").asInt()).isEqualTo(3);
    assertThat(call.path("outcome").asText()).isEqualTo("ok");
    assertThat(call.path("caller").asText()).isEqualTo("it");
    assertThat(fixture.get("/_sim/services").get(1).path("desiredCount").asInt()).isEqualTo(3);
  }
}
