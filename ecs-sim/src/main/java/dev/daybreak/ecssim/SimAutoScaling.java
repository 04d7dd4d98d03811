package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.ScalingError.InvalidNextTokenException;
import static dev.daybreak.ecssim.ScalingError.ObjectNotFoundException;
import static dev.daybreak.ecssim.ScalingError.ValidationException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Application Auto Scaling for the simulated account's ECS services: scalable targets (namespace
 * {@code ecs}, dimension {@code ecs:service:DesiredCount}), scaling policies and scheduled actions,
 * as the API Reference and botocore's model {@code application-autoscaling/2016-02-06} define them.
 *
 * <p>What it does to services, as on a real account:
 *
 * <ul>
 *   <li>RegisterScalableTarget moves an ACTIVE service's desiredCount into the new [min, max] at
 *       once ("it changes the resource's current capacity to a value that is inside of this range",
 *       RegisterScalableTarget in the API Reference), whatever is suspended.
 *   <li>A service whose desiredCount is set below MinCapacity (or above MaxCapacity) is moved back
 *       to the bound {@link SimSettings#scalingDelay()} later, as its scaling policy does on the
 *       next alarm: unless DynamicScalingOutSuspended (raising) or DynamicScalingInSuspended
 *       (lowering) is set when it is due ("Suspend and resume scaling", Application Auto Scaling
 *       User Guide).
 *   <li>A scheduled action with an {@code at(...)} schedule sets the target's min and max at that
 *       time (and moves the capacity into them), unless ScheduledScalingSuspended is set then.
 *       {@code rate(...)} and {@code cron(...)} schedules are stored and shown, not run.
 * </ul>
 *
 * <p>Such a change is logged as an UpdateService call by the caller {@link #CALLER}. Not
 * thread-safe: {@link AutoScaling} calls it under {@link EcsSimulator}'s lock.
 */
final class SimAutoScaling {

  /** The caller the call log names for changes Application Auto Scaling makes itself. */
  public static final String CALLER = "application-autoscaling";

  /** The only namespace the simulator models. */
  public static final String ECS = "ecs";

  /** The only dimension of the ecs namespace. */
  public static final String DESIRED_COUNT = "ecs:service:DesiredCount";

  /** MaxResults' bounds and default for the Describe operations (API Reference). */
  static final int MAX_RESULTS = 50;

  /** The ServiceNamespace values of the model. */
  private static final Set<String> NAMESPACES =
      Set.of(
          "ecs",
          "elasticmapreduce",
          "ec2",
          "appstream",
          "dynamodb",
          "rds",
          "sagemaker",
          "custom-resource",
          "comprehend",
          "lambda",
          "cassandra",
          "kafka",
          "elasticache",
          "neptune",
          "workspaces");

  private static final Pattern RESOURCE_ID = Pattern.compile("service/([^/]+)/([^/]+)");
  private static final Pattern AT =
      Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
  private static final Pattern ACTION_NAME =
      Pattern.compile(
          "(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).+");

  private static final class Target {
    final String resourceId;
    final String arn;
    final Instant createdAt;
    int min;
    int max;
    Suspension suspended = Suspension.NONE;

    Target(String resourceId, String arn, Instant createdAt) {
      this.resourceId = resourceId;
      this.arn = arn;
      this.createdAt = createdAt;
    }
  }

  private final EventQueue queue;
  private final SimAccount account;
  private final Arns arns;
  private final Random random;
  private final Duration delay;
  private final Consumer<CallRecord> log;
  private final Map<String, Target> targets = new TreeMap<>();
  private final Map<String, ScalingPolicyView> policies = new TreeMap<>();
  private final Map<String, ScheduledActionView> scheduled = new TreeMap<>();
  private final Set<String> correctionDue = new HashSet<>();

  SimAutoScaling(
      EventQueue queue,
      SimAccount account,
      Arns arns,
      Random random,
      Duration delay,
      Consumer<CallRecord> log) {
    this.queue = queue;
    this.account = account;
    this.arns = arns;
    this.random = random;
    this.delay = delay;
    this.log = log;
  }

  /** The ResourceId of ECS service {@code service} of {@code cluster}. */
  public static String resourceId(String cluster, String service) {
    return "service/" + cluster + "/" + service;
  }

  ScalableTargetView register(ScalingRequests.Register r) {
    checkNamespace(r.namespace());
    checkDimension(r.dimension());
    if (!ECS.equals(r.namespace())) {
      throw new ScalingException(
          ValidationException,
          "ecs-sim models the ecs namespace only, not '" + r.namespace() + "'.");
    }
    SimService service = service(r.resourceId());
    Target t = targets.get(r.resourceId());
    if (t == null && (r.minCapacity().isEmpty() || r.maxCapacity().isEmpty())) {
      throw new ScalingException(
          ValidationException,
          "MinCapacity and MaxCapacity are required when registering a new scalable target.");
    }
    int min = r.minCapacity().orElseGet(() -> t.min);
    int max = r.maxCapacity().orElseGet(() -> t.max);
    if (min < 0 || max < 0) {
      throw new ScalingException(
          ValidationException, "MinCapacity and MaxCapacity must be at least 0 for ECS services.");
    }
    if (min > max) {
      throw new ScalingException(
          ValidationException,
          "Minimum capacity (" + min + ") cannot be greater than maximum capacity (" + max + ").");
    }
    Target target = t;
    if (target == null) {
      target =
          new Target(
              r.resourceId(),
              "arn:aws:application-autoscaling:"
                  + arns.region()
                  + ":"
                  + arns.account()
                  + ":scalable-target/0e"
                  + hex(),
              queue.now());
      targets.put(r.resourceId(), target);
    }
    Suspension was = target.suspended;
    target.min = min;
    target.max = max;
    target.suspended =
        new Suspension(
            r.dynamicIn().orElse(was.dynamicIn()),
            r.dynamicOut().orElse(was.dynamicOut()),
            r.scheduled().orElse(was.scheduled()));
    clamp(target, service);
    watch(service);
    return view(target);
  }

  ScalingPage<ScalableTargetView> describeTargets(
      String namespace,
      List<String> resourceIds,
      Optional<String> dimension,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    checkNamespace(namespace);
    dimension.ifPresent(SimAutoScaling::checkDimension);
    if (resourceIds.size() > MAX_RESULTS) {
      throw new ScalingException(
          ValidationException,
          "1 validation error detected: Value at 'resourceIds' failed to satisfy constraint:"
              + " Member must have length less than or equal to "
              + MAX_RESULTS);
    }
    boolean ecs = ECS.equals(namespace) && dimension.map(DESIRED_COUNT::equals).orElse(true);
    List<String> keys =
        targets.keySet().stream()
            .filter(k -> ecs && (resourceIds.isEmpty() || resourceIds.contains(k)))
            .toList();
    return page(keys, maxResults, nextToken, k -> view(targets.get(k)));
  }

  void deregister(String namespace, String resourceId, String dimension) {
    checkNamespace(namespace);
    checkDimension(dimension);
    Target t = ECS.equals(namespace) ? targets.remove(resourceId) : null;
    if (t == null) {
      throw notFound(namespace, resourceId, dimension);
    }
    policies.values().removeIf(p -> p.resourceId().equals(resourceId));
    scheduled.values().removeIf(s -> s.resourceId().equals(resourceId));
  }

  String putPolicy(ScalingRequests.PutPolicy p) {
    checkNamespace(p.namespace());
    checkDimension(p.dimension());
    if (p.name().isEmpty() || p.name().length() > 256) {
      throw new ScalingException(ValidationException, "PolicyName must be 1 to 256 characters.");
    }
    String type = p.type().orElse("StepScaling");
    if (!List.of("StepScaling", "TargetTrackingScaling", "PredictiveScaling").contains(type)) {
      throw new ScalingException(
          ValidationException,
          "PolicyType must be StepScaling, TargetTrackingScaling or PredictiveScaling, was '"
              + type
              + "'.");
    }
    String expected = type + "PolicyConfiguration";
    if (p.configurationMember().filter(expected::equals).isEmpty()) {
      throw new ScalingException(
          ValidationException, expected + " is required for a policy of type " + type + ".");
    }
    if (!ECS.equals(p.namespace()) || !targets.containsKey(p.resourceId())) {
      throw notFound(p.namespace(), p.resourceId(), p.dimension());
    }
    String key = p.resourceId() + "|" + p.name();
    ScalingPolicyView existing = policies.get(key);
    String arn =
        existing != null
            ? existing.arn()
            : "arn:aws:autoscaling:"
                + arns.region()
                + ":"
                + arns.account()
                + ":scalingPolicy:"
                + uuid()
                + ":resource/ecs/"
                + p.resourceId()
                + ":policyName/"
                + p.name();
    policies.put(
        key,
        new ScalingPolicyView(
            p.name(),
            arn,
            p.resourceId(),
            type,
            p.configurationMember(),
            p.configurationJson(),
            existing != null ? existing.createdAt() : queue.now()));
    return arn;
  }

  ScalingPage<ScalingPolicyView> describePolicies(
      String namespace,
      List<String> names,
      Optional<String> resourceId,
      Optional<String> dimension,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    checkNamespace(namespace);
    dimension.ifPresent(SimAutoScaling::checkDimension);
    List<String> keys =
        policies.entrySet().stream()
            .filter(e -> ECS.equals(namespace))
            .filter(e -> names.isEmpty() || names.contains(e.getValue().name()))
            .filter(e -> resourceId.map(e.getValue().resourceId()::equals).orElse(true))
            .map(Map.Entry::getKey)
            .toList();
    return page(keys, maxResults, nextToken, policies::get);
  }

  void putScheduled(ScalingRequests.PutScheduled a) {
    checkNamespace(a.namespace());
    checkDimension(a.dimension());
    if (a.name().length() > 256 || !ACTION_NAME.matcher(a.name()).matches()) {
      throw new ScalingException(
          ValidationException,
          "ScheduledActionName '"
              + a.name()
              + "' is invalid: 1 to 256 characters, no ':', '/', '|' or control characters, no"
              + " leading or trailing spaces.");
    }
    if (!ECS.equals(a.namespace()) || !targets.containsKey(a.resourceId())) {
      throw notFound(a.namespace(), a.resourceId(), a.dimension());
    }
    String key = a.resourceId() + "|" + a.name();
    Optional<ScheduledActionView> existing = Optional.ofNullable(scheduled.get(key));
    String schedule =
        a.schedule()
            .or(() -> existing.map(ScheduledActionView::schedule))
            .orElseThrow(
                () ->
                    new ScalingException(
                        ValidationException,
                        "Schedule is required when creating a scheduled action."));
    Optional<String> timezone =
        a.timezone().or(() -> existing.flatMap(ScheduledActionView::timezone));
    Optional<Instant> at = at(schedule, timezone);
    ScheduledActionView action =
        new ScheduledActionView(
            a.name(),
            existing
                .map(ScheduledActionView::arn)
                .orElse(
                    "arn:aws:autoscaling:"
                        + arns.region()
                        + ":"
                        + arns.account()
                        + ":scheduledAction:"
                        + uuid()
                        + ":resource/ecs/"
                        + a.resourceId()
                        + ":scheduledActionName/"
                        + a.name()),
            a.resourceId(),
            schedule,
            timezone,
            a.startTime().or(() -> existing.flatMap(ScheduledActionView::startTime)),
            a.endTime().or(() -> existing.flatMap(ScheduledActionView::endTime)),
            a.minCapacity().isPresent()
                ? a.minCapacity()
                : existing.map(ScheduledActionView::minCapacity).orElse(OptionalInt.empty()),
            a.maxCapacity().isPresent()
                ? a.maxCapacity()
                : existing.map(ScheduledActionView::maxCapacity).orElse(OptionalInt.empty()),
            existing.map(ScheduledActionView::createdAt).orElse(queue.now()));
    scheduled.put(key, action);
    at.ifPresent(when -> queue.schedule(when, () -> runScheduled(key, action)));
  }

  ScalingPage<ScheduledActionView> describeScheduled(
      String namespace,
      List<String> names,
      Optional<String> resourceId,
      Optional<String> dimension,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    checkNamespace(namespace);
    dimension.ifPresent(SimAutoScaling::checkDimension);
    List<String> keys =
        scheduled.entrySet().stream()
            .filter(e -> ECS.equals(namespace))
            .filter(e -> names.isEmpty() || names.contains(e.getValue().name()))
            .filter(e -> resourceId.map(e.getValue().resourceId()::equals).orElse(true))
            .map(Map.Entry::getKey)
            .toList();
    return page(keys, maxResults, nextToken, scheduled::get);
  }

  /** Every scalable target, by ResourceId (inspection, not an API call). */
  List<ScalableTargetView> targets() {
    return targets.values().stream().map(this::view).toList();
  }

  /**
   * Called after anything changed {@code service}'s desiredCount: schedules the bound's correction
   * when it is out of bounds and the matching scaling is not suspended.
   */
  void watch(SimService service) {
    String id = resourceId(service.cluster.name, service.name);
    Target t = targets.get(id);
    if (t == null || correctionDue.contains(id) || !outOfBounds(t, service)) {
      return;
    }
    correctionDue.add(id);
    queue.schedule(queue.now().plus(delay), () -> correct(id));
  }

  private void correct(String id) {
    correctionDue.remove(id);
    Target t = targets.get(id);
    Optional<SimService> s = findService(id).filter(SimService::active);
    if (t == null || s.isEmpty() || !outOfBounds(t, s.get())) {
      return;
    }
    int n = s.get().desiredCount;
    setDesiredCount(s.get(), n < t.min ? t.min : t.max);
  }

  private static boolean outOfBounds(Target t, SimService s) {
    return (s.desiredCount < t.min && !t.suspended.dynamicOut())
        || (s.desiredCount > t.max && !t.suspended.dynamicIn());
  }

  private void clamp(Target t, SimService s) {
    if (!s.active()) {
      return;
    }
    int n = Math.max(t.min, Math.min(t.max, s.desiredCount));
    if (n != s.desiredCount) {
      setDesiredCount(s, n);
    }
  }

  private void setDesiredCount(SimService s, int n) {
    account.updateService(s.cluster, s.name, OptionalInt.of(n), Optional.empty(), false);
    log.accept(
        new CallRecord(
            queue.now(),
            Operation.UpdateService.name(),
            Optional.of(s.cluster.name),
            List.of(s.name),
            OptionalInt.of(n),
            CallRecord.OK,
            CALLER));
  }

  private void runScheduled(String key, ScheduledActionView action) {
    if (!action.equals(scheduled.get(key))) {
      return;
    }
    Target t = targets.get(action.resourceId());
    Instant now = queue.now();
    boolean inWindow =
        action.startTime().map(st -> !now.isBefore(st)).orElse(true)
            && action.endTime().map(en -> !now.isAfter(en)).orElse(true);
    if (t == null || t.suspended.scheduled() || !inWindow) {
      return;
    }
    action.minCapacity().ifPresent(m -> t.min = m);
    action.maxCapacity().ifPresent(m -> t.max = m);
    if (t.min > t.max) {
      t.max = t.min;
    }
    findService(t.resourceId).ifPresent(s -> clamp(t, s));
  }

  private Optional<Instant> at(String schedule, Optional<String> timezone) {
    boolean known =
        schedule.endsWith(")")
            && (schedule.startsWith("at(")
                || schedule.startsWith("rate(")
                || schedule.startsWith("cron("));
    if (!known) {
      throw new ScalingException(
          ValidationException,
          "Schedule '" + schedule + "' is invalid: expected at(...), rate(...) or cron(...).");
    }
    if (!schedule.startsWith("at(")) {
      return Optional.empty();
    }
    Matcher m = AT.matcher(schedule);
    if (!m.matches()) {
      throw new ScalingException(
          ValidationException,
          "Schedule '" + schedule + "' is invalid: expected at(yyyy-mm-ddThh:mm:ss).");
    }
    ZoneId zone;
    try {
      zone = timezone.map(ZoneId::of).orElse(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      throw new ScalingException(
          ValidationException, "Timezone '" + timezone.get() + "' is not an IANA time zone.");
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1)).atZone(zone).toInstant());
    } catch (DateTimeParseException e) {
      throw new ScalingException(
          ValidationException, "Schedule '" + schedule + "' is not a valid date and time.");
    }
  }

  private SimService service(String resourceId) {
    return findService(resourceId)
        .filter(SimService::active)
        .orElseThrow(
            () ->
                new ScalingException(
                    ValidationException,
                    "ECS service doesn't exist: "
                        + resourceId
                        + " (expected service/<cluster>/<service> of an ACTIVE service)."));
  }

  private Optional<SimService> findService(String resourceId) {
    Matcher m = RESOURCE_ID.matcher(resourceId);
    if (!m.matches()) {
      return Optional.empty();
    }
    return account.findCluster(m.group(1)).flatMap(c -> c.service(m.group(2)));
  }

  private ScalableTargetView view(Target t) {
    return new ScalableTargetView(
        t.resourceId,
        t.min,
        t.max,
        t.suspended,
        t.arn,
        "arn:aws:iam::"
            + arns.account()
            + ":role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
            + "AWSServiceRoleForApplicationAutoScaling_ECSService",
        t.createdAt);
  }

  private static void checkNamespace(String namespace) {
    if (!NAMESPACES.contains(namespace)) {
      throw new ScalingException(
          ValidationException,
          "1 validation error detected: Value '"
              + namespace
              + "' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum"
              + " value set: "
              + NAMESPACES.stream().sorted().toList());
    }
  }

  private static void checkDimension(String dimension) {
    if (!dimension.contains(":")) {
      throw new ScalingException(
          ValidationException,
          "1 validation error detected: Value '"
              + dimension
              + "' at 'scalableDimension' failed to satisfy constraint: Member must satisfy enum"
              + " value set (e.g. "
              + DESIRED_COUNT
              + ")");
    }
    if (dimension.startsWith("ecs:") && !DESIRED_COUNT.equals(dimension)) {
      throw new ScalingException(
          ValidationException,
          "Unsupported scalable dimension '" + dimension + "' for ECS: use " + DESIRED_COUNT + ".");
    }
  }

  private static ScalingException notFound(String namespace, String resourceId, String dimension) {
    return new ScalingException(
        ObjectNotFoundException,
        "No scalable target registered for service namespace: "
            + namespace
            + ", resource ID: "
            + resourceId
            + ", scalable dimension: "
            + dimension);
  }

  private static <T> ScalingPage<T> page(
      List<String> sortedKeys,
      OptionalInt maxResults,
      Optional<String> nextToken,
      Function<String, T> item) {
    int size = maxResults.orElse(MAX_RESULTS);
    if (size < 1 || size > MAX_RESULTS) {
      throw new ScalingException(
          ValidationException, "MaxResults must be between 1 and " + MAX_RESULTS + ".");
    }
    Optional<String> after = nextToken.map(SimAutoScaling::decodeToken);
    List<String> rest =
        sortedKeys.stream().filter(k -> after.isEmpty() || k.compareTo(after.get()) > 0).toList();
    List<String> keys = new ArrayList<>(rest.subList(0, Math.min(size, rest.size())));
    Optional<String> next =
        rest.size() > size ? Optional.of(encodeToken(keys.get(keys.size() - 1))) : Optional.empty();
    return new ScalingPage<>(keys.stream().map(item).toList(), next);
  }

  private static String encodeToken(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("aas1|" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("aas1|")) {
        return decoded.substring(5);
      }
    } catch (IllegalArgumentException e) {
      // not base64: reported below like any other token we did not issue
    }
    throw new ScalingException(InvalidNextTokenException, "Invalid NextToken.");
  }

  private String hex() {
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
