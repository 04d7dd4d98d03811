package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ScalingBounds;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StatusItemFormatTest {

  private static final Instant T0 = Instant.parse("2026-12-01T06:00:00Z");
  private static final ScalingBounds B = new ScalingBounds(2, 4, true, false, false);

  private static EnvironmentStatus withSaved() {
    EnvironmentStatus initial = EnvironmentStatus.initial();
    return initial.withScalableTargets(Map.of("b", B), List.of());
  }

  @Test
  void read_formatTwo_roundTripsTheSavedScalableTargets() {
    Map<String, AttributeValue> item = StatusItem.attributes(withSaved(), 3, T0);

    StoredStatus read = StatusItem.read("dev", item);

    assertThat(read.status().savedScalableTargets()).isEqualTo(Map.of("b", B));
    assertThat(read.status().formatVersion()).isEqualTo(2);
  }

  @Test
  void read_formatOneWrittenBeforeScalableTargets_readsAsNoneSaved() {
    Map<String, AttributeValue> item = new HashMap<>(StatusItem.attributes(withSaved(), 3, T0));
    String document =
        item.get(StatusItem.DOCUMENT)
            .s()
            .replace("\"formatVersion\":2", "\"formatVersion\":1")
            .replaceAll(",?\"savedScalableTargets\":\\{[^}]*\\}\\}", "");
    assertThat(document).doesNotContain("savedScalableTargets");
    item.put(StatusItem.DOCUMENT, AttributeValue.fromS(document));
    item.put(StatusItem.FORMAT_VERSION, AttributeValue.fromN("1"));

    StoredStatus read = StatusItem.read("dev", item);

    assertThat(read.status().savedScalableTargets()).isEmpty();
  }

  @Test
  void read_aNewerFormat_isRefusedSoItsSavedTargetsAreNeverDroppedByAnOlderController() {
    Map<String, AttributeValue> item = new HashMap<>(StatusItem.attributes(withSaved(), 3, T0));
    item.put(StatusItem.FORMAT_VERSION, AttributeValue.fromN("3"));

    assertThatThrownBy(() -> StatusItem.read("dev", item))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("formatVersion 3, newer than this daybreak reads (2)");
  }
}
