package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerHealthTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final String GROUP =
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/b/0123456789abcdef";

  /** The seed with b ready when its target group's targets are healthy. */
  private static EnvironmentSpec spec() {
    return Seed.specWith(Seed.service("b", Replicas.fixed(3), Readiness.HEALTHY, TIMEOUT, "a"));
  }

  /** a is up; the planner scaled b to 3 at T0 and is waiting for it. */
  private static PlanLoop waitingForB() {
    PlanLoop loop = new PlanLoop(spec(), Seed.awake(), World.asleep(spec()).set("a", 1, 1));
    assertThat(loop.pass().actions()).containsExactly(new ScaleAction("b", "b", 3, 1));
    return loop;
  }

  private static ObservedService bWithTargets(int healthy, int unhealthy, int other) {
    return World.active("b", 3, 3)
        .withHealth(
            new Health.TargetGroups(
                List.of(
                    new Health.TargetGroup(
                        GROUP,
                        healthy,
                        unhealthy,
                        other,
                        unhealthy > 0 ? List.of("Target.ResponseCodeMismatch") : List.of()))));
  }

  @Test
  void plan_healthyServiceRunningButTargetsInitial_doesNotScaleItsDependents() {
    PlanLoop loop = waitingForB();
    loop.world.put(bWithTargets(0, 0, 3));

    Plan plan = loop.after(Duration.ofSeconds(30)).pass();

    assertThat(plan.actions()).as("c, d, e wait for b's targets").isEmpty();
    assertThat(plan.status().phase()).isEqualTo(Phase.WAKING);
  }

  @Test
  void plan_healthyServiceWithAllTargetsHealthy_scalesItsDependents() {
    PlanLoop loop = waitingForB();
    loop.world.put(bWithTargets(3, 0, 0));

    Plan plan = loop.after(Duration.ofSeconds(30)).pass();

    assertThat(plan.actions()).extracting(ScaleAction::service).containsExactly("c", "d", "e");
  }

  @Test
  void plan_targetGroupNotFound_isDegradedAtOnceNamingServiceAndGroup_andRecoversWhenFixed() {
    PlanLoop loop = waitingForB();
    loop.world.put(
        World.active("b", 3, 3)
            .withHealth(new Health.TargetGroups(List.of(Health.TargetGroup.notFound(GROUP)))));

    Plan plan = loop.after(Duration.ofSeconds(5)).pass();

    assertThat(plan.status().phase()).as("well within b's timeout").isEqualTo(Phase.DEGRADED);
    assertThat(plan.actions()).isEmpty();
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_TARGET_GROUP_NOT_FOUND);
    assertThat(degraded.message())
        .contains("service 'b' (ECS service 'b')")
        .contains("target group " + GROUP + " does not exist (Elastic Load Balancing")
        .contains("TargetGroupNotFound");

    loop.world.put(bWithTargets(3, 0, 0));
    Plan fixed = loop.after(Duration.ofSeconds(30)).pass();

    assertThat(fixed.actions()).extracting(ScaleAction::service).containsExactly("c", "d", "e");
    assertThat(fixed.status().phase()).isEqualTo(Phase.WAKING);
    assertThat(fixed.status().condition(Conditions.DEGRADED).orElseThrow().status())
        .isEqualTo(ConditionStatus.FALSE);
  }

  @Test
  void plan_unhealthyTargetPastTimeout_isDegradedNamingTheTargetGroupAndUnhealthyCount() {
    PlanLoop loop = waitingForB();
    loop.world.put(bWithTargets(2, 1, 0));

    Plan plan = loop.after(TIMEOUT).pass();

    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(plan.actions()).as("c, d, e wait for b").isEmpty();
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_SERVICE_TIMED_OUT);
    assertThat(degraded.message())
        .startsWith(
            "service 'b' is not ready (healthy) within its 5m timeout since it was scaled to 3 at "
                + T0)
        .contains(
            "target group "
                + GROUP
                + ": 1 unhealthy (Target.ResponseCodeMismatch), 2 healthy, 0 not yet checked or"
                + " draining, of 3 running task(s)");
  }

  @Test
  void plan_healthyServiceWithNoHealthSignal_isDegradedAtOnceNamingWhatToAdd() {
    PlanLoop loop = waitingForB();
    loop.world.put(
        World.active("b", 3, 0)
            .withHealth(new Health.NoHealthCheck("arn:aws:ecs:us-east-1:1:task-definition/b:4")));

    Plan plan = loop.after(Duration.ofSeconds(5)).pass();

    assertThat(plan.status().phase()).as("long before the 5m timeout").isEqualTo(Phase.DEGRADED);
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_NO_HEALTH_CHECK);
    assertThat(degraded.message())
        .isEqualTo(
            "service 'b' (ECS service 'b') has readiness healthy but no load balancer, and no"
                + " container of task definition arn:aws:ecs:us-east-1:1:task-definition/b:4 has a"
                + " healthCheck, so it can never become ready: add a healthCheck to its essential"
                + " container or put the service behind a load balancer target group, or declare"
                + " readiness: running (or stable) in the manifest");
  }

  @Test
  void plan_noHealthSignalFixed_recoversByItself() {
    PlanLoop loop = waitingForB();
    loop.world.put(
        World.active("b", 3, 3)
            .withHealth(new Health.NoHealthCheck("arn:aws:ecs:us-east-1:1:task-definition/b:4")));
    assertThat(loop.after(Duration.ofSeconds(5)).pass().status().phase()).isEqualTo(Phase.DEGRADED);

    loop.world.put(bWithTargets(3, 0, 0));
    Plan plan = loop.after(Duration.ofSeconds(30)).pass();

    assertThat(plan.transitions()).extracting(Transition::kind).contains(TransitionKind.RECOVERED);
    assertThat(plan.actions()).extracting(ScaleAction::service).containsExactly("c", "d", "e");
  }
}
