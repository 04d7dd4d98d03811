package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.daybreak.ecssim.AutoScaling;
import dev.daybreak.ecssim.ScalableTargetView;
import dev.daybreak.ecssim.ScalingError;
import dev.daybreak.ecssim.ScalingException;
import dev.daybreak.ecssim.ScalingPage;
import dev.daybreak.ecssim.ScalingPolicyView;
import dev.daybreak.ecssim.ScalingRequests;
import dev.daybreak.ecssim.ScheduledActionView;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application Auto Scaling's awsJson1_1 protocol on the simulator's port: {@code POST /} with
 * {@code X-Amz-Target: AnyScaleFrontendService.<Operation>}; answers 200 with the output shape, or
 * the error's HTTP status with {@code {"__type": ..., "message": ...}} (botocore's model {@code
 * application-autoscaling/2016-02-06}). Requests with any other target go to {@code next}.
 */
final class ScalingJsonHandler implements HttpHandler {

  static final String TARGET_PREFIX = "AnyScaleFrontendService.";

  private static final Logger LOG = LoggerFactory.getLogger(ScalingJsonHandler.class);

  private final AutoScaling scaling;
  private final HttpHandler next;

  ScalingJsonHandler(AutoScaling scaling, HttpHandler next) {
    this.scaling = scaling;
    this.next = next;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String target =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
    if (!target.startsWith(TARGET_PREFIX)) {
      next.handle(exchange);
      return;
    }
    try (exchange) {
      answer(exchange, target.substring(TARGET_PREFIX.length()));
    }
  }

  private void answer(HttpExchange exchange, String op) throws IOException {
    String caller = Callers.fromUserAgent(exchange.getRequestHeaders().getFirst("User-Agent"));
    try {
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] bytes = in.readAllBytes();
        body = bytes.length == 0 ? EcsJson.object() : EcsJson.MAPPER.readTree(bytes);
      } catch (IOException e) {
        body = null;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(path(exchange))) {
        scaling.reject(
            caller,
            op,
            ScalingError.UnknownOperationException,
            "Application Auto Scaling is served at POST /.");
      }
      if (body == null || !body.isObject()) {
        scaling.reject(
            caller,
            op,
            ScalingError.SerializationException,
            "The request body must be a JSON object.");
      }
      ScalingReader r = new ScalingReader(body);
      ObjectNode out =
          switch (op) {
            case "RegisterScalableTarget" -> {
              ScalableTargetView t = scaling.register(caller, register(r));
              yield EcsJson.object().put("ScalableTargetARN", t.arn());
            }
            case "DescribeScalableTargets" ->
                page(
                    "ScalableTargets",
                    scaling.describeTargets(
                        caller,
                        r.required("ServiceNamespace"),
                        r.strings("ResourceIds"),
                        r.string("ScalableDimension"),
                        r.integer("MaxResults"),
                        r.string("NextToken")),
                    ScalingJsonHandler::target);
            case "DeregisterScalableTarget" -> {
              scaling.deregister(
                  caller,
                  r.required("ServiceNamespace"),
                  r.required("ResourceId"),
                  r.required("ScalableDimension"));
              yield EcsJson.object();
            }
            case "PutScalingPolicy" -> {
              String arn = scaling.putPolicy(caller, policy(r));
              ObjectNode n = EcsJson.object().put("PolicyARN", arn);
              n.putArray("Alarms");
              yield n;
            }
            case "DescribeScalingPolicies" ->
                page(
                    "ScalingPolicies",
                    scaling.describePolicies(
                        caller,
                        r.required("ServiceNamespace"),
                        r.strings("PolicyNames"),
                        r.string("ResourceId"),
                        r.string("ScalableDimension"),
                        r.integer("MaxResults"),
                        r.string("NextToken")),
                    ScalingJsonHandler::policy);
            case "PutScheduledAction" -> {
              scaling.putScheduled(caller, scheduled(r));
              yield EcsJson.object();
            }
            case "DescribeScheduledActions" ->
                page(
                    "ScheduledActions",
                    scaling.describeScheduled(
                        caller,
                        r.required("ServiceNamespace"),
                        r.strings("ScheduledActionNames"),
                        r.string("ResourceId"),
                        r.string("ScalableDimension"),
                        r.integer("MaxResults"),
                        r.string("NextToken")),
                    ScalingJsonHandler::scheduled);
            default -> {
              scaling.reject(
                  caller,
                  op,
                  ScalingError.UnknownOperationException,
                  "Unknown operation '" + TARGET_PREFIX + op + "'.");
              throw new IllegalStateException("reject returned");
            }
          };
      Exchanges.send(exchange, 200, Exchanges.AWS_JSON, out);
    } catch (ScalingException e) {
      error(exchange, e.error(), e.getMessage());
    } catch (ScalingReader.Malformed e) {
      try {
        scaling.reject(caller, op, ScalingError.ValidationException, e.getMessage());
      } catch (ScalingException logged) {
        error(exchange, logged.error(), logged.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.error("ecs-sim failed to answer an Application Auto Scaling call", e);
      error(exchange, ScalingError.InternalServiceException, "ecs-sim failed: " + e);
    }
  }

  private static String path(HttpExchange exchange) {
    return exchange.getRequestURI().getPath();
  }

  private static ScalingRequests.Register register(ScalingReader r) {
    ScalingReader s = r.nested("SuspendedState");
    return new ScalingRequests.Register(
        r.required("ServiceNamespace"),
        r.required("ResourceId"),
        r.required("ScalableDimension"),
        r.integer("MinCapacity"),
        r.integer("MaxCapacity"),
        s.bool("DynamicScalingInSuspended"),
        s.bool("DynamicScalingOutSuspended"),
        s.bool("ScheduledScalingSuspended"));
  }

  private static ScalingRequests.PutPolicy policy(ScalingReader r) {
    Optional<String> member =
        java.util.stream.Stream.of(
                "StepScalingPolicyConfiguration",
                "TargetTrackingScalingPolicyConfiguration",
                "PredictiveScalingPolicyConfiguration")
            .filter(r::has)
            .findFirst();
    return new ScalingRequests.PutPolicy(
        r.required("ServiceNamespace"),
        r.required("ResourceId"),
        r.required("ScalableDimension"),
        r.required("PolicyName"),
        r.string("PolicyType"),
        member,
        member.map(r::json));
  }

  private static ScalingRequests.PutScheduled scheduled(ScalingReader r) {
    ScalingReader action = r.nested("ScalableTargetAction");
    return new ScalingRequests.PutScheduled(
        r.required("ServiceNamespace"),
        r.required("ResourceId"),
        r.required("ScalableDimension"),
        r.required("ScheduledActionName"),
        r.string("Schedule"),
        r.string("Timezone"),
        r.timestamp("StartTime"),
        r.timestamp("EndTime"),
        action.integer("MinCapacity"),
        action.integer("MaxCapacity"));
  }

  private static <T> ObjectNode page(
      String field, ScalingPage<T> page, Function<T, ObjectNode> each) {
    ObjectNode n = EcsJson.object();
    ArrayNode items = n.putArray(field);
    page.items().forEach(i -> items.add(each.apply(i)));
    page.nextToken().ifPresent(t -> n.put("NextToken", t));
    return n;
  }

  private static ObjectNode target(ScalableTargetView t) {
    ObjectNode n =
        EcsJson.object()
            .put("ServiceNamespace", "ecs")
            .put("ResourceId", t.resourceId())
            .put("ScalableDimension", "ecs:service:DesiredCount")
            .put("MinCapacity", t.minCapacity())
            .put("MaxCapacity", t.maxCapacity())
            .put("RoleARN", t.roleArn());
    EcsJson.timestamp(n, "CreationTime", t.createdAt());
    n.putObject("SuspendedState")
        .put("DynamicScalingInSuspended", t.suspended().dynamicIn())
        .put("DynamicScalingOutSuspended", t.suspended().dynamicOut())
        .put("ScheduledScalingSuspended", t.suspended().scheduled());
    n.put("ScalableTargetARN", t.arn());
    return n;
  }

  private static ObjectNode policy(ScalingPolicyView p) {
    ObjectNode n =
        EcsJson.object()
            .put("PolicyARN", p.arn())
            .put("PolicyName", p.name())
            .put("ServiceNamespace", "ecs")
            .put("ResourceId", p.resourceId())
            .put("ScalableDimension", "ecs:service:DesiredCount")
            .put("PolicyType", p.type());
    if (p.configurationMember().isPresent() && p.configurationJson().isPresent()) {
      try {
        n.set(p.configurationMember().get(), EcsJson.MAPPER.readTree(p.configurationJson().get()));
      } catch (IOException e) {
        throw new IllegalStateException("a stored policy configuration is not JSON", e);
      }
    }
    n.putArray("Alarms");
    EcsJson.timestamp(n, "CreationTime", p.createdAt());
    return n;
  }

  private static ObjectNode scheduled(ScheduledActionView a) {
    ObjectNode n =
        EcsJson.object()
            .put("ScheduledActionName", a.name())
            .put("ScheduledActionARN", a.arn())
            .put("ServiceNamespace", "ecs")
            .put("Schedule", a.schedule())
            .put("ResourceId", a.resourceId())
            .put("ScalableDimension", "ecs:service:DesiredCount");
    a.timezone().ifPresent(z -> n.put("Timezone", z));
    a.startTime().ifPresent(t -> EcsJson.timestamp(n, "StartTime", t));
    a.endTime().ifPresent(t -> EcsJson.timestamp(n, "EndTime", t));
    if (a.minCapacity().isPresent() || a.maxCapacity().isPresent()) {
      ObjectNode action = n.putObject("ScalableTargetAction");
      a.minCapacity().ifPresent(m -> action.put("MinCapacity", m));
      a.maxCapacity().ifPresent(m -> action.put("MaxCapacity", m));
    }
    EcsJson.timestamp(n, "CreationTime", a.createdAt());
    return n;
  }

  private static void error(HttpExchange exchange, ScalingError error, String message)
      throws IOException {
    Exchanges.send(
        exchange,
        error.httpStatus(),
        Exchanges.AWS_JSON,
        EcsJson.object().put("__type", error.name()).put("message", message));
  }
}
