package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ScheduleWindow;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.SleepOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

  private static final Path EXAMPLES = Path.of("examples");

  @Test
  void load_seedExample_isTheSeedsFiveServicesInThreeTiers() {
    List<Manifest> manifests = Manifests.load(EXAMPLES.resolve("seed.yaml"));

    assertThat(manifests).hasSize(1);
    EnvironmentSpec spec = manifests.get(0).spec();
    assertThat(spec)
        .isEqualTo(
            new EnvironmentSpec(
                "seed",
                "dev",
                List.of(
                    ServiceSpec.of("a", 1),
                    ServiceSpec.of("b", 3, "a"),
                    ServiceSpec.of("c", 1, "b"),
                    ServiceSpec.of("d", 7, "b"),
                    ServiceSpec.of("e", 1, "b")),
                SleepOrder.REVERSE,
                Optional.empty(),
                NotifySpec.defaults(),
                AccessSpec.defaults(),
                java.util.Map.of(),
                dev.daybreak.model.AutoscalingMode.MANAGE,
                dev.daybreak.model.AwsSpec.home()));
    assertThat(DependencyGraph.of(spec.services()).tiers())
        .containsExactly(List.of("a"), List.of("b"), List.of("c", "d", "e"));
    assertThat(manifests.get(0).source()).isEqualTo(EXAMPLES.resolve("seed.yaml").toString());
  }

  @Test
  void load_shopExample_mapsEveryPartOfTheV1Shape() {
    EnvironmentSpec spec = Manifests.load(EXAMPLES.resolve("shop.yaml")).get(0).spec();

    assertThat(spec.name()).isEqualTo("shop-dev");
    assertThat(spec.service("postgres").orElseThrow())
        .isEqualTo(
            new ServiceSpec(
                "postgres",
                "shop-dev-postgres",
                Replicas.fixed(1),
                Readiness.STABLE,
                Duration.ofMinutes(5),
                List.of()));
    assertThat(spec.service("inventory").orElseThrow().replicas()).isEqualTo(Replicas.restore(2));
    assertThat(spec.service("catalog").orElseThrow().readiness()).isEqualTo(Readiness.HEALTHY);
    assertThat(spec.service("mailer").orElseThrow().timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(spec.service("inventory").orElseThrow().timeout())
        .isEqualTo(ServiceSpec.DEFAULT_TIMEOUT);
    assertThat(DependencyGraph.of(spec.services()).tiers()).hasSize(5);

    var schedule = spec.schedule().orElseThrow();
    assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(schedule.windows())
        .containsExactly(
            new ScheduleWindow(
                Optional.empty(),
                Optional.of(LocalTime.of(9, 0)),
                Optional.of(LocalTime.of(20, 0)),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                Optional.empty(),
                Optional.empty()),
            new ScheduleWindow(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                EnumSet.noneOf(DayOfWeek.class),
                Optional.of("0 10 * * SAT"),
                Optional.of("0 13 * * SAT")));
    assertThat(schedule.holidays()).contains(LocalDate.of(2026, 12, 29));
    assertThat(schedule.calendars()).containsExactly("jp");
    assertThat(spec.notifications())
        .isEqualTo(new NotifySpec(Optional.of("#shop-dev"), List.of("S0SHOPONCALL")));
    assertThat(spec.access())
        .isEqualTo(
            new AccessSpec(
                List.of("U0ALICE001", "U0BOB00002"), List.of("C0SHOPDEV1"), Duration.ofHours(4)));
  }

  @Test
  void parse_canonicalJson_readsBackToTheSameSpec() {
    for (String example : List.of("seed.yaml", "shop.yaml")) {
      Manifest manifest = Manifests.load(EXAMPLES.resolve(example)).get(0);

      List<Manifest> again = Manifests.parse("store", manifest.json());

      assertThat(again).hasSize(1);
      assertThat(again.get(0).spec()).isEqualTo(manifest.spec());
      assertThat(again.get(0).json()).isEqualTo(manifest.json());
    }
  }

  @Test
  void parse_canonicalJson_isCompactWithSortedKeysWhateverTheWrittenOrder() {
    String written =
        """
        spec: {services: [{replicas: 2, name: a}], cluster: dev}
        metadata: {name: x}
        kind: Environment
        apiVersion: daybreak.dev/v1
        """;

    assertThat(Manifests.parse("x.yaml", written).get(0).json())
        .isEqualTo(
            "{\"apiVersion\":\"daybreak.dev/v1\",\"kind\":\"Environment\","
                + "\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"cluster\":\"dev\",\"services\":[{\"name\":\"a\",\"replicas\":2}]}}");
  }

  @Test
  void parse_serviceWithOnlyAName_getsTheDocumentedDefaults() {
    EnvironmentSpec spec =
        Manifests.parse(
                "x.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: x}
                spec:
                  cluster: dev
                  services:
                    - name: api
                """)
            .get(0)
            .spec();

    assertThat(spec.services())
        .containsExactly(
            new ServiceSpec(
                "api",
                "api",
                Replicas.fixed(1),
                Readiness.RUNNING,
                ServiceSpec.DEFAULT_TIMEOUT,
                List.of()));
    assertThat(spec.sleepOrder()).isEqualTo(SleepOrder.REVERSE);
    assertThat(spec.schedule()).isEmpty();
    assertThat(spec.access().maxWake()).isEqualTo(AccessSpec.DEFAULT_MAX_WAKE);
  }

  @Test
  void parse_restoreWithoutFallback_fallsBackToOne() {
    EnvironmentSpec spec =
        Manifests.parse(
                "x.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: x}
                spec:
                  cluster: arn:aws:ecs:ap-northeast-1:123456789012:cluster/dev
                  sleepOrder: parallel
                  services:
                    - {name: api, replicas: restore}
                """)
            .get(0)
            .spec();

    assertThat(spec.services().get(0).replicas()).isEqualTo(Replicas.restore(1));
    assertThat(spec.sleepOrder()).isEqualTo(SleepOrder.PARALLEL);
    assertThat(spec.cluster()).isEqualTo("arn:aws:ecs:ap-northeast-1:123456789012:cluster/dev");
  }

  @Test
  void parse_severalDocuments_returnsEachEnvironmentAndSkipsEmptyOnes() {
    List<Manifest> manifests =
        Manifests.parse(
            "two.yaml",
            """
            ---
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: one}
            spec: {cluster: dev, services: [{name: a}]}
            ---
            # nothing here
            ---
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: two}
            spec: {cluster: dev, services: [{name: b}]}
            """);

    assertThat(manifests).extracting(m -> m.spec().name()).containsExactly("one", "two");
  }

  @Test
  void parse_anchorsAliasesAndMergeKeys_areExpandedAndExtensionsIgnored() {
    EnvironmentSpec spec =
        Manifests.parse(
                "x.yaml",
                """
                x-defaults: &defaults
                  readiness: stable
                  timeout: 5m
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: x}
                spec:
                  cluster: dev
                  services:
                    - name: db
                      <<: *defaults
                    - <<: *defaults
                      name: api
                      timeout: 2m
                      dependsOn: &deps [db]
                    - <<: [*defaults]
                      name: web
                      dependsOn: *deps
                      timeout: &short 30s
                    - name: worker
                      timeout: *short
                """)
            .get(0)
            .spec();

    assertThat(spec.services())
        .extracting(ServiceSpec::readiness)
        .containsExactly(Readiness.STABLE, Readiness.STABLE, Readiness.STABLE, Readiness.RUNNING);
    assertThat(spec.services())
        .extracting(ServiceSpec::timeout)
        .containsExactly(
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    assertThat(spec.service("web").orElseThrow().dependsOn()).containsExactly("db");
  }

  @Test
  void parse_yesNoOnOff_areStringsAsInYaml12() {
    EnvironmentSpec spec =
        Manifests.parse(
                "x.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: x}
                spec:
                  cluster: dev
                  services:
                    - name: "on"
                    - name: no
                      dependsOn: ["on"]
                """)
            .get(0)
            .spec();

    assertThat(spec.services()).extracting(ServiceSpec::name).containsExactly("on", "no");
  }

  @Test
  void load_fileWithByteOrderMark_isRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.yaml");
    Files.write(
        file,
        ("\uFEFFapiVersion: daybreak.dev/v1\nkind: Environment\nmetadata: {name: x}\n"
                + "spec: {cluster: dev, services: [{name: a}]}\n")
            .getBytes(StandardCharsets.UTF_8));

    assertThat(Manifests.load(file)).extracting(m -> m.spec().name()).containsExactly("x");
  }

  @Test
  void parse_json_isAcceptedLikeYaml() {
    assertThat(
            Manifests.parse(
                "x.json",
                """
                {"apiVersion": "daybreak.dev/v1", "kind": "Environment",
                 "metadata": {"name": "x", "labels": {"team": "shop"}},
                 "spec": {"cluster": "dev", "services": [{"name": "a", "replicas": 0}]}}
                """))
        .extracting(m -> m.spec().services().get(0).replicas())
        .containsExactly(Replicas.fixed(0));
  }

  @Test
  void parse_labels_areReadIntoTheSpec() {
    assertThat(
            Manifests.parse(
                    "x.yaml",
                    """
                    apiVersion: daybreak.dev/v1
                    kind: Environment
                    metadata:
                      name: x
                      labels: {team: shop, example.com/tier: dev, empty: ""}
                      annotations: {note: "any text"}
                    spec: {cluster: dev, services: [{name: a, replicas: 1}]}
                    """)
                .get(0)
                .spec()
                .labels())
        .isEqualTo(Map.of("team", "shop", "example.com/tier", "dev", "empty", ""));
  }

  @Test
  void parse_noLabels_isAnEmptyMap() {
    assertThat(
            Manifests.parse(
                    "x.yaml",
                    """
                    apiVersion: daybreak.dev/v1
                    kind: Environment
                    metadata: {name: x}
                    spec: {cluster: dev, services: [{name: a, replicas: 1}]}
                    """)
                .get(0)
                .spec()
                .labels())
        .isEmpty();
  }
}
