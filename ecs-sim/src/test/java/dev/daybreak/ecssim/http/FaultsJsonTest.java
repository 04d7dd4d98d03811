package dev.daybreak.ecssim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.ecssim.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultsJsonTest {

  private static final Instant NOW = Instant.parse("2026-01-01T06:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return EcsJson.MAPPER.readTree(text);
  }

  @Test
  void read_everyMember() throws Exception {
    Faults faults =
        FaultsJson.read(
            json(
                """
                {"errorRate": {"DescribeServices": 0.25, "*": 0.01},
                 "throttleRate": {"*": 0.2},
                 "latency": {"UpdateService": "300ms"},
                 "failToStart": ["c"],
                 "blackout": {"startsIn": "10s", "lasts": "1m"}}
                """),
            NOW);

    assertThat(faults.errorRates()).isEqualTo(Map.of("DescribeServices", 0.25, "*", 0.01));
    assertThat(faults.throttleRates()).isEqualTo(Map.of("*", 0.2));
    assertThat(faults.latencies()).isEqualTo(Map.of("UpdateService", Duration.ofMillis(300)));
    assertThat(faults.failToStart()).isEqualTo(Set.of("c"));
    assertThat(faults.blackout())
        .contains(new Faults.Blackout(NOW.plusSeconds(10), NOW.plusSeconds(70)));
  }

  @Test
  void writeThenRead_isTheSame() throws Exception {
    Faults faults =
        FaultsJson.read(
            json(
                "{\"latency\": {\"*\": \"1s\"}, \"throttleRate\": {\"UpdateService\": 0.5},"
                    + " \"blackout\": {\"from\": \"2026-01-01T06:01:00Z\","
                    + " \"until\": \"2026-01-01T06:02:00Z\"}}"),
            NOW);

    assertThat(FaultsJson.read(FaultsJson.write(faults), NOW)).isEqualTo(faults);
  }

  @Test
  void read_badMember_namesIt() {
    assertThatThrownBy(() -> FaultsJson.read(json("{\"latency\": {\"*\": \"soon\"}}"), NOW))
        .hasMessageContaining("latency.*");
    assertThatThrownBy(() -> FaultsJson.read(json("{\"errorRate\": {\"Nope\": 0.5}}"), NOW))
        .hasMessageContaining("'Nope' is not an operation");
    assertThatThrownBy(() -> FaultsJson.read(json("{\"blackout\": {\"from\": \"x\"}}"), NOW))
        .hasMessageContaining("blackout.from must be an ISO-8601 instant");
  }

  @Test
  void callers_fromUserAgent_prefersTheAppId() {
    assertThat(
            Callers.fromUserAgent(
                "aws-sdk-java/2.57.8 md/io#sync ua/2.1 os/Linux lang/java#17 app/daybreak"))
        .isEqualTo("daybreak");
    assertThat(Callers.fromUserAgent("aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1"))
        .isEqualTo("aws-cli/1.45.11");
    assertThat(Callers.fromUserAgent(null)).isEqualTo("unknown");
  }
}
