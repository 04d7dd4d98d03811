package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.daybreak.model.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema editors use ({@code schema/environment-v1.json}) agrees with the loader: every
 * example passes both, the bad manifests below fail both, and both name the same fields and values.
 */
class SchemaTest {

  private static final Path SCHEMA = Path.of("schema", "environment-v1.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JSON.readTree(SCHEMA.toFile()));
  }

  private static Set<ValidationMessage> validate(String yaml) throws IOException {
    return schema.validate(YAML.readTree(yaml));
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).hasSizeGreaterThanOrEqualTo(2);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void example_isValidForTheSchemaAndTheLoader(Path example) throws IOException {
    String yaml = Files.readString(example);

    assertThat(validate(yaml)).isEmpty();
    assertThat(Manifests.load(example)).isNotEmpty();
    assertThat(yaml).startsWith("# yaml-language-server: $schema=../schema/environment-v1.json");
  }

  private static final String HEAD =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec:
        cluster: dev
      """;

  static Stream<Arguments> badManifests() {
    return Stream.of(
        Arguments.of("unknown field", HEAD + "  services: [{name: a, replica: 2}]\n"),
        Arguments.of("wrong apiVersion", HEAD.replace("v1", "v2") + "  services: [{name: a}]\n"),
        Arguments.of(
            "wrong kind",
            HEAD.replace("kind: Environment", "kind: Env") + "  services: [{name: a}]\n"),
        Arguments.of("negative replicas", HEAD + "  services: [{name: a, replicas: -1}]\n"),
        Arguments.of("absurd replicas", HEAD + "  services: [{name: a, replicas: 1001}]\n"),
        Arguments.of("quoted replicas", HEAD + "  services: [{name: a, replicas: \"3\"}]\n"),
        Arguments.of(
            "restoreFallback without restore",
            HEAD + "  services: [{name: a, replicas: 2, restoreFallback: 1}]\n"),
        Arguments.of("unknown readiness", HEAD + "  services: [{name: a, readiness: up}]\n"),
        Arguments.of("bad duration", HEAD + "  services: [{name: a, timeout: 5 min}]\n"),
        Arguments.of("duration without unit", HEAD + "  services: [{name: a, timeout: 300}]\n"),
        Arguments.of("bad service name", HEAD + "  services: [{name: my api}]\n"),
        Arguments.of("no services", HEAD + "  services: []\n"),
        Arguments.of(
            "unknown sleepOrder", HEAD + "  sleepOrder: random\n  services: [{name: a}]\n"),
        Arguments.of(
            "environment name with capitals",
            HEAD.replace("name: shop", "name: Shop") + "  services: [{name: a}]\n"),
        Arguments.of(
            "missing spec",
            "apiVersion: daybreak.dev/v1\nkind: Environment\n" + "metadata: {name: shop}\n"),
        Arguments.of("time past midnight", schedule("[{wakeAt: \"08:00\", sleepAt: \"24:00\"}]")),
        Arguments.of("window without an edge", schedule("[{days: MON-FRI}]")),
        Arguments.of(
            "cron with a seconds field",
            schedule("[{wakeCron: \"0 0 8 * * MON-FRI\", sleepCron: \"0 0 20 * * MON-FRI\"}]")),
        Arguments.of("Quartz cron", schedule("[{wakeCron: \"0 8 ? * MON\"}]")),
        Arguments.of("cron with days", schedule("[{wakeCron: \"0 8 * * *\", days: MON-FRI}]")),
        Arguments.of(
            "too many windows",
            schedule(
                "["
                    + String.join(
                        ", ",
                        Collections.nCopies(ManifestLimits.MAX_WINDOWS + 1, "{sleepAt: \"22:00\"}"))
                    + "]")),
        Arguments.of(
            "calendar name with capitals",
            schedule("[{sleepAt: \"22:00\"}]") + "    calendars: [JP]\n"),
        Arguments.of(
            "wakeAt and wakeBy",
            HEAD
                + "  services: [{name: a}]\n  schedule:\n    timeZone: UTC\n"
                + "    windows: [{wakeAt: \"08:00\", wakeBy: \"08:00\", sleepAt: \"20:00\"}]\n"),
        Arguments.of(
            "times mixed with cron",
            HEAD
                + "  services: [{name: a}]\n  schedule:\n    timeZone: UTC\n"
                + "    windows: [{wakeCron: \"0 8 * * *\", sleepAt: \"20:00\"}]\n"),
        Arguments.of(
            "cron with four fields",
            HEAD
                + "  services: [{name: a}]\n  schedule:\n    timeZone: UTC\n"
                + "    windows: [{wakeCron: \"0 8 * *\", sleepCron: \"0 20 * * *\"}]\n"),
        Arguments.of(
            "unknown day",
            HEAD
                + "  services: [{name: a}]\n  schedule:\n    timeZone: UTC\n"
                + "    windows: [{days: Mo-Fr, wakeAt: \"08:00\", sleepAt: \"20:00\"}]\n"),
        Arguments.of(
            "slack channel name without #",
            HEAD + "  services: [{name: a}]\n  notify: {slack: {channel: general}}\n"),
        Arguments.of(
            "maxWake with a space inside",
            HEAD + "  services: [{name: a}]\n  access: {maxWake: 1h 30m}\n"),
        Arguments.of(
            "aws region that is not one",
            HEAD + "  services: [{name: a}]\n  aws: {region: Europe}\n"),
        Arguments.of(
            "aws roleArn that is a user",
            HEAD
                + "  services: [{name: a}]\n  aws: {roleArn: \"arn:aws:iam::210987654321:user/x\"}\n"),
        Arguments.of(
            "aws externalId without roleArn",
            HEAD + "  services: [{name: a}]\n  aws: {externalId: shop-dev-ext}\n"),
        Arguments.of(
            "aws unknown field", HEAD + "  services: [{name: a}]\n  aws: {account: \"1\"}\n"));
  }

  /** A manifest whose schedule has these windows (a YAML flow sequence) in UTC. */
  private static String schedule(String windows) {
    return HEAD
        + "  services: [{name: a}]\n  schedule:\n    timeZone: UTC\n    windows: "
        + windows
        + "\n";
  }

  static Stream<Arguments> goodSchedules() {
    return Stream.of(
        Arguments.of(
            "days in any case", "[{days: mon-Fri, wakeAt: \"08:00\", sleepAt: \"20:00\"}]"),
        Arguments.of("full day names", "[{days: [Monday, SATURDAY], sleepAt: \"20:00\"}]"),
        Arguments.of("a day list in one string", "[{days: \"MON, WED-FRI\", wakeAt: \"08:00\"}]"),
        Arguments.of("a range across the weekend", "[{days: FRI-MON, wakeBy: \"09:00\"}]"),
        Arguments.of("an hour without a leading zero", "[{wakeAt: \"8:30\", sleepAt: \"9:45\"}]"),
        Arguments.of("only a sleep", "[{sleepAt: \"22:00\"}]"),
        Arguments.of("only a wake cron", "[{wakeCron: \"*/30 8-9 * JAN-MAR 1-5\"}]"),
        Arguments.of(
            "a window around the clock", "[{days: MON, wakeAt: \"08:00\", sleepAt: \"08:00\"}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodSchedules")
  void goodSchedule_passesTheSchemaAndTheLoader(String form, String windows) throws IOException {
    String yaml = schedule(windows);

    assertThat(validate(yaml)).as(form).isEmpty();
    assertThat(Manifests.parse("good.yaml", yaml)).as(form).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badManifests")
  void badManifest_failsTheSchemaAndTheLoader(String problem, String yaml) throws IOException {
    assertThat(validate(yaml)).as(problem).isNotEmpty();
    assertThatThrownBy(() -> Manifests.parse("bad.yaml", yaml))
        .as(problem)
        .isInstanceOf(ManifestException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "30s",
        "5m",
        "1h30m",
        "90m",
        "2d",
        "1d2h3m4s5ms",
        "500ms",
        "0s",
        "2H",
        " 5m ",
        "PT1H30M",
        "pt90s",
        "P2D",
        "P1DT1H",
        "PT0.5S",
        "",
        " ",
        "5",
        "h",
        "ms",
        "1.5h",
        "-5m",
        "1h 30m",
        "30m1h",
        "1m1m",
        "5ms1s",
        "2w",
        "soon",
        "P",
        "PT",
        "P1DT",
        "PT-5M",
        "PT1,5S",
        "P1W"
      })
  void durationPattern_agreesWithTheLoader(String text) throws IOException {
    String pattern =
        JSON.readTree(SCHEMA.toFile()).path("$defs").path("duration").path("pattern").asText();

    assertThat(Pattern.compile(pattern).matcher(text).matches())
        .as("'%s' matches the schema", text)
        .isEqualTo(Durations.parse(text).isPresent());
  }

  @Test
  void schema_namesTheSameFieldsAndValuesAsTheLoader() throws IOException {
    JsonNode root = JSON.readTree(SCHEMA.toFile());
    JsonNode defs = root.path("$defs");

    assertThat(fieldNames(root.path("properties"))).isEqualTo(EnvironmentReader.FIELDS);
    assertThat(fieldNames(defs.path("metadata").path("properties")))
        .isEqualTo(EnvironmentReader.METADATA_FIELDS);
    assertThat(fieldNames(defs.path("spec").path("properties")))
        .isEqualTo(EnvironmentReader.SPEC_FIELDS);
    assertThat(fieldNames(defs.path("service").path("properties"))).isEqualTo(ServiceReader.FIELDS);
    assertThat(fieldNames(defs.path("schedule").path("properties")))
        .isEqualTo(ScheduleReader.FIELDS);
    List<String> windowFields = new ArrayList<>();
    defs.path("window")
        .path("oneOf")
        .forEach(w -> windowFields.addAll(fieldNames(w.path("properties"))));
    assertThat(windowFields).containsExactlyInAnyOrderElementsOf(ScheduleReader.WINDOW_FIELDS);
    assertThat(fieldNames(defs.path("notify").path("properties"))).isEqualTo(NotifyReader.FIELDS);
    assertThat(fieldNames(defs.path("access").path("properties"))).isEqualTo(AccessReader.FIELDS);
    assertThat(fieldNames(defs.path("access").path("properties").path("slack").path("properties")))
        .isEqualTo(AccessReader.SLACK_FIELDS);
    assertThat(values(defs.path("service").path("properties").path("readiness").path("enum")))
        .isEqualTo(ServiceReader.READINESS);
    assertThat(values(defs.path("spec").path("properties").path("sleepOrder").path("enum")))
        .isEqualTo(EnvironmentReader.SLEEP_ORDERS);
    assertThat(defs.path("spec").path("properties").path("services").path("maxItems").asInt())
        .isEqualTo(ManifestLimits.MAX_SERVICES);
    assertThat(defs.path("schedule").path("properties").path("windows").path("maxItems").asInt())
        .isEqualTo(ManifestLimits.MAX_WINDOWS);
    assertThat(
            defs.path("service")
                .path("properties")
                .path("replicas")
                .path("oneOf")
                .get(0)
                .path("maximum")
                .asInt())
        .isEqualTo(ManifestLimits.MAX_REPLICAS);
  }

  private static List<String> fieldNames(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> values(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
