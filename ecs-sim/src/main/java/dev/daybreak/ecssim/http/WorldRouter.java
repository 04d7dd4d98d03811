package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimWorlds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first stop of {@code POST /}: STS calls (credential scope service {@code sts}) go to {@link
 * StsQueryHandler}; every other call to the world ({@link SimWorlds}) of its signature's access key
 * id and its credential scope's region ({@code Credential=KEY/DATE/REGION/SERVICE/aws4_request}),
 * each world with its own {@link AwsRouter} chain. Every call is recorded ({@link
 * SimWorlds#routed()}) with the key, account, region, operation and the cluster it names.
 */
final class WorldRouter implements HttpHandler {

  private static final Pattern SCOPE =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
  private static final Pattern FORM_ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

  private final SimWorlds worlds;
  private final Map<String, HttpHandler> otherServices;
  private final StsQueryHandler sts;
  private final Map<EcsSimulator, HttpHandler> chains = new ConcurrentHashMap<>();

  WorldRouter(SimWorlds worlds, Map<String, HttpHandler> otherServices) {
    this.worlds = worlds;
    this.otherServices = otherServices;
    this.sts = new StsQueryHandler(worlds);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Matcher scope =
        SCOPE.matcher(
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse(""));
    boolean signed = scope.find();
    Optional<String> key = signed ? Optional.of(scope.group(1)) : Optional.empty();
    Optional<String> region = signed ? Optional.of(scope.group(2)) : Optional.empty();
    String service = signed ? scope.group(3) : "unsigned";
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    exchange.setStreams(new ByteArrayInputStream(body), null);
    if (service.equals("sts")) {
      worlds.route(key, region, service, action(body), Optional.empty());
      try (exchange) {
        sts.handle(exchange, key.orElse("unsigned"));
      }
      return;
    }
    String target =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
            .orElseGet(() -> action(body));
    EcsSimulator world = worlds.route(key, region, service, target, cluster(body));
    chains.computeIfAbsent(world, this::chain).handle(exchange);
  }

  private HttpHandler chain(EcsSimulator sim) {
    return new AwsRouter(
        new TargetRouter(
            new ScalingJsonHandler(sim.autoScaling(), new AwsJsonHandler(sim, new EcsApi(sim))),
            otherServices),
        new ElbQueryHandler(sim));
  }

  private static String action(byte[] body) {
    Matcher m = FORM_ACTION.matcher(new String(body, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : "";
  }

  private static Optional<String> cluster(byte[] body) {
    try {
      JsonNode json = EcsJson.MAPPER.readTree(body);
      return json != null && json.hasNonNull("cluster")
          ? Optional.of(json.get("cluster").asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
