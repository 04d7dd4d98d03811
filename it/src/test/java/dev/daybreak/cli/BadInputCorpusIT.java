package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bad-input corpus, {@code src/test/resources/bad-inputs/}: one file a case, each with an
 * {@code .expected} sidecar ({@code exit: N} and {@code message: fragment} lines). For every case:
 * the exact exit code (or, for desired items, that the item reads as invalid), a message naming
 * where and what would be valid, the store unchanged, and a healthy environment in the same store
 * still reconciles.
 */
class BadInputCorpusIT {

  private static final Path CORPUS =
      Path.of(System.getProperty("daybreak.root", ".."))
          .resolve("it/src/test/resources/bad-inputs");

  private static final String HEALTHY =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: healthy
      spec:
        cluster: ok
        services:
          - name: web
            replicas: 1
      """;

  private static final String BAD =
      HEALTHY.replace("name: healthy", "name: bad").replace("cluster: ok", "cluster: dev");

  @TestFactory
  Stream<DynamicTest> manifests_areRejectedByApply_withNothingWritten() throws IOException {
    return cases("manifests")
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Cli cli = healthyCli();
                      Path manifest = materialize(file);
                      var before = cli.store.scanByHand();
                      Cli.Result r = cli.memory("apply", "-f", manifest.toString());
                      assertExpected(file, r.exitCode(), r.err());
                      assertThat(cli.store.scanByHand()).isEqualTo(before);
                      assertHealthyStillReconciles(cli);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> desiredItemsEditedByHand_areReadAsInvalid_andNotActedOn() throws IOException {
    return cases("desired")
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Cli cli = healthyCli();
                      cli.store.applySpec(Manifests.parse("bad.yaml", BAD).get(0));
                      cli.store.writeDesired(
                          "bad",
                          DesiredState.of(State.ASLEEP, "tester", "corpus", Cli.NOW),
                          0,
                          Via.CLI);
                      Map<String, AttributeValue> set = attributes(file);
                      Set<String> remove = set.containsKey("$remove") ? removals(set) : Set.of();
                      set.remove("$remove");
                      cli.store.updateDesiredByHand("bad", set, remove);
                      var before = cli.store.scanByHand();
                      EcsSimulator ecs = simulator(cli);
                      EnvironmentReconciler.builder(
                              cli.store,
                              new SimEcsGateway(ecs, GatewaySettings.defaults(), d -> {}),
                              new LogNotifier(),
                              cli.clock)
                          .build()
                          .reconcile("bad");
                      DesiredRead read = cli.store.desired("bad");
                      if (Files.readAllLines(Path.of(file + ".expected")).contains("read: valid")) {
                        // Tolerated on purpose (see the sidecar): read as the state it names.
                        assertThat(read)
                            .isInstanceOfSatisfying(
                                DesiredRead.Valid.class,
                                v ->
                                    assertThat(v.stored().desired().state())
                                        .isEqualTo(State.AWAKE));
                      } else {
                        assertThat(read).isInstanceOf(DesiredRead.Invalid.class);
                        String reason = ((DesiredRead.Invalid) read).reason();
                        assertExpected(file, 1, reason);
                        // Only the status changes: it now says why nothing is done.
                        assertThat(withoutStatus(cli.store.scanByHand()))
                            .isEqualTo(withoutStatus(before));
                        assertThat(
                                cli.store
                                    .status("bad")
                                    .orElseThrow()
                                    .status()
                                    .condition(Conditions.DESIRED_STATE_INVALID))
                            .hasValueSatisfying(
                                c -> {
                                  assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
                                  assertThat(c.message()).contains(reason);
                                });
                        assertThat(ecs.calls()).noneMatch(c -> c.op().equals("UpdateService"));
                      }
                      assertHealthyStillReconciles(cli);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> cliInvocations_withBadArguments_exitNonZeroNamingTheArgument()
      throws IOException {
    return cases("cli")
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Cli cli = healthyCli();
                      var before = cli.store.scanByHand();
                      List<String> args =
                          Files.readAllLines(file).stream()
                              .filter(l -> !l.startsWith("#") && !l.isBlank())
                              .toList();
                      Cli.Result r = cli.run(args.toArray(String[]::new));
                      assertExpected(file, r.exitCode(), r.err());
                      assertThat(cli.store.scanByHand()).isEqualTo(before);
                      assertHealthyStillReconciles(cli);
                    }));
  }

  private static Stream<Path> cases(String kind) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(CORPUS.resolve(kind))) {
      s.filter(p -> !p.toString().endsWith(".expected")).sorted().forEach(files::add);
    }
    return files.stream();
  }

  private static Cli healthyCli() {
    Cli cli = new Cli();
    cli.store.applySpec(Manifests.parse("healthy.yaml", HEALTHY).get(0));
    cli.store.writeDesired(
        "healthy", DesiredState.of(State.AWAKE, "tester", "corpus", Cli.NOW), 0, Via.CLI);
    return cli;
  }

  private static EcsSimulator simulator(Cli cli) {
    EcsSimulator ecs = new EcsSimulator(SimSettings.builder().build(), cli.clock);
    ecs.provision("ok", List.of("web"));
    ecs.provision("dev", List.of("web"));
    return ecs;
  }

  /** The healthy environment's first pass scales its one service up. */
  /** The items other than environment {@code bad}'s status. */
  private static List<Map<String, AttributeValue>> withoutStatus(
      List<Map<String, AttributeValue>> items) {
    return items.stream()
        .filter(i -> !(i.get("pk").s().equals("env#bad") && i.get("sk").s().equals("status")))
        .toList();
  }

  private static void assertHealthyStillReconciles(Cli cli) throws Exception {
    EcsSimulator ecs = simulator(cli);
    EnvironmentReconciler.builder(
            cli.store,
            new SimEcsGateway(ecs, GatewaySettings.defaults(), d -> {}),
            new LogNotifier(),
            cli.clock)
        .build()
        .reconcile("healthy");
    assertThat(ecs.calls())
        .filteredOn(c -> c.op().equals("UpdateService") && c.outcome().equals(CallRecord.OK))
        .extracting(c -> c.cluster().orElse("") + "/" + c.services().get(0))
        .containsExactly("ok/web");
  }

  private static void assertExpected(Path file, int exitCode, String message) throws IOException {
    Path sidecar = Path.of(file + ".expected");
    assertThat(sidecar)
        .as("expectations of %s (exit %d, message %s)", file.getFileName(), exitCode, message)
        .exists();
    List<String> lines = Files.readAllLines(sidecar);
    for (String line : lines) {
      if (line.startsWith("exit: ")) {
        assertThat(exitCode)
            .as("exit code; message was: " + message)
            .isEqualTo(Integer.parseInt(line.substring(6).trim()));
      } else if (line.startsWith("message: ")) {
        assertThat(message).contains(line.substring(9).trim());
      }
    }
    assertThat(lines).anyMatch(l -> l.startsWith("message: "));
  }

  /** A {@code .gen} file names a size: the manifest is the BAD one padded with comments to it. */
  private static Path materialize(Path file) throws IOException {
    if (!file.toString().endsWith(".gen")) {
      return file;
    }
    long bytes =
        Files.readAllLines(file).stream()
            .filter(l -> l.startsWith("bytes: "))
            .mapToLong(l -> Long.parseLong(l.substring(7).trim()))
            .findFirst()
            .orElseThrow();
    StringBuilder text = new StringBuilder(BAD);
    String pad = "# " + "x".repeat(77) + "\n";
    while (text.length() < bytes) {
      text.append(pad);
    }
    Path out = Files.createTempFile("daybreak-huge", ".yaml");
    out.toFile().deleteOnExit();
    Files.writeString(out, text, StandardCharsets.UTF_8);
    return out;
  }

  /** A DynamoDB attribute map in JSON ({@code {"state": {"S": "AWAKE"}}}). */
  private static Map<String, AttributeValue> attributes(Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(file));
      Map<String, AttributeValue> out = new HashMap<>();
      root.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> removals(Map<String, AttributeValue> set) {
    return Set.copyOf(set.get("$remove").ss());
  }

  private static AttributeValue value(JsonNode typed) {
    var field = typed.properties().iterator().next();
    JsonNode v = field.getValue();
    return switch (field.getKey()) {
      case "S" -> AttributeValue.fromS(v.asText());
      case "N" -> AttributeValue.fromN(v.asText());
      case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "B" -> AttributeValue.fromB(SdkBytes.fromUtf8String(v.asText()));
      case "SS" -> {
        List<String> ss = new ArrayList<>();
        v.forEach(x -> ss.add(x.asText()));
        yield AttributeValue.fromSs(ss);
      }
      case "L" -> {
        List<AttributeValue> l = new ArrayList<>();
        v.forEach(x -> l.add(value(x)));
        yield AttributeValue.fromL(l);
      }
      case "M" -> {
        Map<String, AttributeValue> m = new HashMap<>();
        v.properties().forEach(e -> m.put(e.getKey(), value(e.getValue())));
        yield AttributeValue.fromM(m);
      }
      default -> throw new IllegalArgumentException("unknown attribute type " + field.getKey());
    };
  }
}
