package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.SimTesting.CALLER;
import static dev.daybreak.ecssim.SimTesting.DEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OperationsTest {

  private final SimTesting t =
      new SimTesting(
          SimSettings.builder().startLatency(Latency.fixed(Duration.ofSeconds(1))).build(),
          "a",
          "b",
          "c");

  @Test
  void describeServices_unknownService_isAFailureWithItsArnAndReasonMissing() {
    Described<ServiceView> d = t.sim.describeServices(CALLER, DEV, List.of("a", "nope"), false);

    assertThat(d.items()).extracting(ServiceView::serviceName).containsExactly("a");
    assertThat(d.failures())
        .containsExactly(
            new Failure("arn:aws:ecs:us-east-1:000000000000:service/dev/nope", "MISSING"));
  }

  @Test
  void describeServices_byArn_findsTheService() {
    String arn = "arn:aws:ecs:us-east-1:000000000000:service/dev/b";

    assertThat(
            t.sim
                .describeServices(
                    CALLER,
                    Optional.of("arn:aws:ecs:us-east-1:000000000000:cluster/dev"),
                    List.of(arn),
                    false)
                .items())
        .extracting(ServiceView::serviceArn)
        .containsExactly(arn);
  }

  @Test
  void describeServices_moreThanTen_isInvalid() {
    List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "s" + i).toList();

    assertThatThrownBy(() -> t.sim.describeServices(CALLER, DEV, eleven, false))
        .isInstanceOfSatisfying(
            SimException.class,
            e -> assertThat(e.error()).isEqualTo(EcsError.InvalidParameterException))
        .hasMessageContaining("1 to 10 services, was 11");
  }

  @Test
  void unknownClusterOrService_areEcsNotFoundErrors() {
    assertThatThrownBy(
            () -> t.sim.describeServices(CALLER, Optional.of("prod"), List.of("a"), false))
        .isInstanceOfSatisfying(
            SimException.class,
            e -> assertThat(e.error()).isEqualTo(EcsError.ClusterNotFoundException));
    assertThatThrownBy(() -> t.scale("nope", 1))
        .isInstanceOfSatisfying(
            SimException.class,
            e -> assertThat(e.error()).isEqualTo(EcsError.ServiceNotFoundException));
  }

  @Test
  void listServices_pagesThroughEveryServiceOnce() {
    List<String> seen = new ArrayList<>();
    Optional<String> token = Optional.empty();
    int pages = 0;
    do {
      Page page = t.sim.listServices(CALLER, DEV, OptionalInt.of(2), token);
      seen.addAll(page.arns());
      token = page.nextToken();
      pages++;
    } while (token.isPresent());

    assertThat(pages).isEqualTo(2);
    assertThat(seen)
        .containsExactly(
            "arn:aws:ecs:us-east-1:000000000000:service/dev/a",
            "arn:aws:ecs:us-east-1:000000000000:service/dev/b",
            "arn:aws:ecs:us-east-1:000000000000:service/dev/c");
  }

  @Test
  void listServices_foreignTokenOrSize_isInvalid() {
    assertThatThrownBy(
            () -> t.sim.listServices(CALLER, DEV, OptionalInt.empty(), Optional.of("garbage")))
        .hasMessageContaining("Invalid nextToken");
    assertThatThrownBy(() -> t.sim.listServices(CALLER, DEV, OptionalInt.of(101), Optional.empty()))
        .hasMessageContaining("between 1 and 100");
  }

  @Test
  void deleteService_scaledUp_needsForceThenDrainsToInactive() {
    t.scale("a", 1);
    t.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> t.sim.deleteService(CALLER, DEV, "a", false))
        .hasMessageContaining("cannot be stopped while it is scaled above 0");
    assertThat(t.sim.deleteService(CALLER, DEV, "a", true).status()).isEqualTo("DRAINING");
    assertThatThrownBy(() -> t.scale("a", 1))
        .isInstanceOfSatisfying(
            SimException.class,
            e -> assertThat(e.error()).isEqualTo(EcsError.ServiceNotActiveException));
    t.advance(Duration.ofMinutes(1));
    assertThat(t.describe("a").status()).isEqualTo("INACTIVE");
    assertThat(t.sim.listServices(CALLER, DEV, OptionalInt.empty(), Optional.empty()).arns())
        .noneMatch(arn -> arn.endsWith("/a"));
  }

  @Test
  void createService_existingActiveName_isNotIdempotent() {
    assertThatThrownBy(() -> t.sim.createService(CALLER, DEV, NewService.named("a", 0)))
        .hasMessageContaining("not idempotent");
  }

  @Test
  void tags_onClusterServiceAndTask_roundTrip() {
    String service = "arn:aws:ecs:us-east-1:000000000000:service/dev/a";
    t.sim.tagResource(CALLER, service, List.of(new Tag("env", "seed"), new Tag("team", "x")));
    t.sim.untagResource(CALLER, service, List.of("team"));

    assertThat(t.sim.listTagsForResource(CALLER, service)).containsExactly(new Tag("env", "seed"));
    assertThat(t.sim.describeServices(CALLER, DEV, List.of("a"), true).items().get(0).tags())
        .containsExactly(new Tag("env", "seed"));
    assertThatThrownBy(
            () ->
                t.sim.listTagsForResource(
                    CALLER, "arn:aws:ecs:us-east-1:000000000000:service/dev/zzz"))
        .isInstanceOfSatisfying(
            SimException.class,
            e -> assertThat(e.error()).isEqualTo(EcsError.ResourceNotFoundException));
  }

  @Test
  void describeClusters_countsTasksAndReportsUnknownOnesMissing() {
    t.scale("a", 2);
    t.advance(Duration.ofSeconds(1));

    Described<ClusterView> d = t.sim.describeClusters(CALLER, List.of("dev", "prod"), false);

    assertThat(d.items())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.runningTasksCount()).isEqualTo(2);
              assertThat(c.activeServicesCount()).isEqualTo(3);
            });
    assertThat(d.failures()).extracting(Failure::reason).containsExactly("MISSING");
  }

  @Test
  void describeTasks_unknownTask_isMissing() {
    Described<TaskView> d = t.sim.describeTasks(CALLER, DEV, List.of("0123"), false);

    assertThat(d.failures())
        .containsExactly(
            new Failure("arn:aws:ecs:us-east-1:000000000000:task/dev/0123", "MISSING"));
  }

  @Test
  void listTasks_filtersByServiceAndDesiredStatus() {
    t.scale("a", 2);
    t.scale("b", 1);
    t.advance(Duration.ofSeconds(1));
    t.scale("b", 0);

    assertThat(t.tasks("a", "RUNNING")).hasSize(2);
    assertThat(t.tasks("b", "RUNNING")).isEmpty();
    assertThat(t.tasks("b", "STOPPED")).hasSize(1);
  }
}
