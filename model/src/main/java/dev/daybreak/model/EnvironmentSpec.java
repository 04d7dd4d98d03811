package dev.daybreak.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Environment manifest's {@code metadata.name} and {@code spec}: a named set of ECS services in
 * one cluster that sleep and wake together.
 *
 * @param name the environment's name ({@code metadata.name}), a DNS-label-like identifier
 * @param cluster the ECS cluster (name or ARN) all services live in
 * @param services the services, in manifest order
 * @param sleepOrder how services are scaled down
 * @param schedule when the environment sleeps and wakes by itself, if at all
 * @param notifications where transitions are announced
 * @param access who may change the environment from chat
 * @param labels {@code metadata.labels}: key/value pairs that group environments, for label
 *     selectors ({@code daybreak get envs -l team=shop})
 * @param autoscaling what daybreak does with the services' Application Auto Scaling targets
 * @param aws the region and IAM role to reach the cluster with ({@code spec.aws}); {@link
 *     AwsSpec#home()} for the controller's own
 */
public record EnvironmentSpec(
    String name,
    String cluster,
    List<ServiceSpec> services,
    SleepOrder sleepOrder,
    Optional<ScheduleSpec> schedule,
    NotifySpec notifications,
    AccessSpec access,
    Map<String, String> labels,
    AutoscalingMode autoscaling,
    AwsSpec aws) {

  public EnvironmentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cluster, "cluster");
    services = List.copyOf(services);
    Objects.requireNonNull(sleepOrder, "sleepOrder");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(access, "access");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(autoscaling, "autoscaling");
    Objects.requireNonNull(aws, "aws");
  }

  /** The service with this (logical) name, if declared. */
  public Optional<ServiceSpec> service(String serviceName) {
    return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
  }
}
