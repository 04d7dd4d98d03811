package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.EcsError.ClusterNotFoundException;
import static dev.daybreak.ecssim.EcsError.InvalidParameterException;
import static dev.daybreak.ecssim.EcsError.ResourceNotFoundException;
import static dev.daybreak.ecssim.EcsError.ServiceNotActiveException;
import static dev.daybreak.ecssim.EcsError.ServiceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The simulated account's clusters, services and tasks, and what each ECS operation does to them.
 * Not thread-safe: {@link EcsSimulator} calls it under its lock, with time already advanced.
 */
final class SimAccount {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}");

  private final EventQueue queue;
  private final Arns arns;
  private final Ids ids;
  private final ServiceScheduler scheduler;
  private final Map<String, SimCluster> clusters = new LinkedHashMap<>();

  SimAccount(EventQueue queue, Arns arns, Ids ids, ServiceScheduler scheduler) {
    this.queue = queue;
    this.arns = arns;
    this.ids = ids;
    this.scheduler = scheduler;
  }

  /** The cluster name a request's {@code cluster} means: a name, an ARN, or "default". */
  String clusterName(Optional<String> ref) {
    String r = ref.orElse("default");
    return arns.parse(r)
        .filter(a -> a.type().equals("cluster") && a.path().size() == 1)
        .map(a -> a.path().get(0))
        .orElse(r);
  }

  SimCluster cluster(Optional<String> ref) {
    SimCluster c = clusters.get(clusterName(ref));
    if (c == null) {
      throw new SimException(ClusterNotFoundException, "Cluster not found.");
    }
    return c;
  }

  /** The ARN a Describe failure names for cluster {@code ref}. */
  String clusterArn(String ref) {
    return ref.startsWith("arn:") ? ref : arns.cluster(ref);
  }

  SimCluster createCluster(String name) {
    checkName("clusterName", name);
    return clusters.computeIfAbsent(name, n -> new SimCluster(n, arns.cluster(n)));
  }

  Optional<SimCluster> findCluster(String ref) {
    return Optional.ofNullable(clusters.get(clusterName(Optional.of(ref))));
  }

  /** The service a name or ARN means in {@code cluster}, if it exists. */
  Optional<SimService> findService(SimCluster cluster, String ref) {
    Optional<Arns.Resource> arn = arns.parse(ref);
    if (arn.isEmpty()) {
      return cluster.service(ref);
    }
    List<String> path = arn.get().path();
    if (!arn.get().type().equals("service")) {
      return Optional.empty();
    }
    if (path.size() == 2 && path.get(0).equals(cluster.name)) {
      return cluster.service(path.get(1));
    }
    return path.size() == 1 ? cluster.service(path.get(0)) : Optional.empty();
  }

  SimService service(SimCluster cluster, String ref) {
    return findService(cluster, ref)
        .orElseThrow(() -> new SimException(ServiceNotFoundException, "Service not found."));
  }

  /** The ARN a Describe failure names for {@code ref}. */
  String serviceArn(SimCluster cluster, String ref) {
    return ref.startsWith("arn:") ? ref : arns.service(cluster.name, ref);
  }

  SimService createService(SimCluster cluster, NewService spec) {
    checkName("serviceName", spec.serviceName());
    if (spec.desiredCount() < 0) {
      throw new SimException(InvalidParameterException, "desiredCount must be >= 0.");
    }
    SimService existing = cluster.services.get(spec.serviceName());
    if (existing != null && !"INACTIVE".equals(existing.status)) {
      throw new SimException(InvalidParameterException, "Creation of service was not idempotent.");
    }
    SimService s =
        new SimService(
            cluster,
            spec.serviceName(),
            arns.service(cluster.name, spec.serviceName()),
            queue.now(),
            spec.circuitBreaker(),
            spec.rollback());
    s.desiredCount = spec.desiredCount();
    s.taskDefinition = arns.taskDefinition(spec.taskDefinition().orElse(spec.serviceName()));
    s.loadBalancers = spec.loadBalancers();
    spec.tags().forEach(t -> s.tags.put(t.key(), t.value()));
    s.deployments.add(new SimDeployment(ids.deploymentId(), s.taskDefinition, queue.now()));
    cluster.services.put(s.name, s);
    scheduler.reconcile(s);
    return s;
  }

  SimService updateService(
      SimCluster cluster,
      String ref,
      OptionalInt desiredCount,
      Optional<String> taskDefinition,
      boolean forceNewDeployment) {
    SimService s = service(cluster, ref);
    if (!s.active()) {
      throw new SimException(ServiceNotActiveException, "Service was not ACTIVE.");
    }
    if (desiredCount.isPresent() && desiredCount.getAsInt() < 0) {
      throw new SimException(InvalidParameterException, "desiredCount must be >= 0.");
    }
    desiredCount.ifPresent(n -> s.desiredCount = n);
    Optional<String> newDefinition =
        taskDefinition.map(arns::taskDefinition).filter(td -> !td.equals(s.taskDefinition));
    if (newDefinition.isPresent() || forceNewDeployment) {
      s.taskDefinition = newDefinition.orElse(s.taskDefinition);
      s.deployments.forEach(d -> d.primary = false);
      s.deployments.add(0, new SimDeployment(ids.deploymentId(), s.taskDefinition, queue.now()));
      s.consecutiveStartFailures = 0;
      s.launchNotBefore = queue.now();
      s.throttleAnnounced = false;
      s.steady = false;
    }
    scheduler.reconcile(s);
    return s;
  }

  SimService deleteService(SimCluster cluster, String ref, boolean force) {
    SimService s = service(cluster, ref);
    if (!s.active()) {
      throw new SimException(ServiceNotActiveException, "Service was not ACTIVE.");
    }
    if (s.desiredCount > 0 && !force) {
      throw new SimException(
          InvalidParameterException, "The service cannot be stopped while it is scaled above 0.");
    }
    s.desiredCount = 0;
    s.status = "DRAINING";
    scheduler.reconcile(s);
    return s;
  }

  Page listServices(SimCluster cluster, OptionalInt maxResults, Optional<String> nextToken) {
    Stream<String> arnsInOrder =
        cluster.services.values().stream()
            .filter(s -> !"INACTIVE".equals(s.status))
            .map(s -> s.arn)
            .sorted();
    return page(arnsInOrder, pageSize(maxResults, 10), nextToken);
  }

  Page listTasks(
      SimCluster cluster,
      Optional<String> serviceName,
      Optional<String> desiredStatus,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    Optional<SimService> service = serviceName.map(n -> service(cluster, n));
    String wanted = desiredStatus.orElse("RUNNING");
    if (!List.of("RUNNING", "PENDING", "STOPPED").contains(wanted)) {
      throw new SimException(
          InvalidParameterException, "desiredStatus must be RUNNING, PENDING or STOPPED.");
    }
    Stream<String> arnsInOrder =
        cluster
            .tasks(queue.now())
            .filter(t -> service.isEmpty() || t.service == service.get())
            .filter(t -> (t.live() ? "RUNNING" : "STOPPED").equals(wanted))
            .map(t -> t.arn)
            .sorted();
    return page(arnsInOrder, pageSize(maxResults, 100), nextToken);
  }

  /** The task an id or ARN means in {@code cluster}, including recently stopped ones. */
  Optional<SimTask> findTask(SimCluster cluster, String ref) {
    String arn = ref.startsWith("arn:") ? ref : arns.task(cluster.name, ref);
    return cluster.tasks(queue.now()).filter(t -> t.arn.equals(arn)).findFirst();
  }

  String taskArn(SimCluster cluster, String ref) {
    return ref.startsWith("arn:") ? ref : arns.task(cluster.name, ref);
  }

  /** The tags of the cluster, service or task an ARN names. */
  Map<String, String> tagsOf(String resourceArn) {
    Arns.Resource r =
        arns.parse(resourceArn)
            .orElseThrow(
                () ->
                    new SimException(
                        InvalidParameterException,
                        "Invalid identifier: '"
                            + resourceArn
                            + "' is not an ECS ARN of this account and region."));
    List<String> p = r.path();
    SimCluster c =
        Optional.ofNullable(clusters.get(p.get(0)))
            .orElseThrow(() -> new SimException(ClusterNotFoundException, "Cluster not found."));
    Optional<Map<String, String>> tags =
        switch (r.type()) {
          case "cluster" -> p.size() == 1 ? Optional.of(c.tags) : Optional.empty();
          case "service" -> p.size() == 2 ? c.service(p.get(1)).map(s -> s.tags) : Optional.empty();
          case "task" ->
              p.size() == 2 ? findTask(c, resourceArn).map(t -> t.tags) : Optional.empty();
          default -> Optional.empty();
        };
    return tags.orElseThrow(
        () -> new SimException(ResourceNotFoundException, "The specified resource is not found."));
  }

  Collection<SimCluster> clusters() {
    return clusters.values();
  }

  private static int pageSize(OptionalInt maxResults, int defaultSize) {
    int n = maxResults.orElse(defaultSize);
    if (n < 1 || n > 100) {
      throw new SimException(InvalidParameterException, "maxResults must be between 1 and 100.");
    }
    return n;
  }

  /** A page of {@code sortedArns} after the token's ARN; the token is the last ARN, encoded. */
  private static Page page(Stream<String> sortedArns, int size, Optional<String> nextToken) {
    Optional<String> after = nextToken.map(SimAccount::decodeToken);
    List<String> rest =
        sortedArns.filter(a -> after.isEmpty() || a.compareTo(after.get()) > 0).toList();
    List<String> page = new ArrayList<>(rest.subList(0, Math.min(size, rest.size())));
    Optional<String> next =
        rest.size() > size ? Optional.of(encodeToken(page.get(page.size() - 1))) : Optional.empty();
    return new Page(page, next);
  }

  private static String encodeToken(String arn) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("v1|" + arn).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("v1|")) {
        return decoded.substring(3);
      }
    } catch (IllegalArgumentException e) {
      // not base64: reported below like any other token we did not issue
    }
    throw new SimException(InvalidParameterException, "Invalid nextToken.");
  }

  private static void checkName(String field, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new SimException(
          InvalidParameterException,
          field
              + " '"
              + name
              + "' is invalid: up to 255 letters, numbers, hyphens and underscores, starting with"
              + " a letter or number.");
    }
  }
}
