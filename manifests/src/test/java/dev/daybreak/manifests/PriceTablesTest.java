package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.daybreak.model.savings.Capacity;
import dev.daybreak.model.savings.PriceTable;
import dev.daybreak.model.savings.TaskSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTablesTest {

  @Test
  void builtIn_usEast1LinuxX86_hasTheIssuesFigures() {
    PriceTable table = PriceTables.builtIn();

    assertThat(table.date()).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(table.hourly("us-east-1", TaskSize.linuxX86(1024, 1024)))
        .hasValueSatisfying(h -> assertThat(h).isCloseTo(0.04048 + 0.004445, within(1e-12)));
    assertThat(table.hourly("us-east-1", TaskSize.linuxX86(1024, 1024).on(Capacity.FARGATE_SPOT)))
        .hasValueSatisfying(
            h -> assertThat(h).isCloseTo((0.04048 + 0.004445) * 0.3, within(1e-12)));
  }

  @Test
  void builtIn_everyFigureNamesItsSource() {
    PriceTable table = PriceTables.builtIn();

    table
        .regions()
        .values()
        .forEach(
            r -> {
              r.rates().values().forEach(rate -> assertThat(rate.source()).contains("https://"));
              r.spotFactor().ifPresent(s -> assertThat(s.source()).contains("https://"));
            });
  }

  @Test
  void builtIn_unlistedRegion_hasNoPrice() {
    assertThat(PriceTables.builtIn().hourly("ap-east-9", TaskSize.linuxX86(256, 512))).isEmpty();
  }

  @Test
  void load_ownTableWithADiscount_isUsed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prices.yaml");
    Files.writeString(
        file,
        """
        date: 2026-11-15
        regions:
          eu-west-1:
            linux/arm64: {vcpuHour: 0.02, gbHour: 0.002, storageGbHour: 0.0001, source: "our EDP contract"}
        """);

    PriceTable table = PriceTables.load(file);

    assertThat(table.date()).isEqualTo(LocalDate.of(2026, 11, 15));
    assertThat(table.regions()).containsOnlyKeys("eu-west-1");
  }

  @Test
  void load_negativePriceAndMissingSource_areReportedWithTheirLines(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("prices.yaml");
    Files.writeString(
        file,
        """
        date: 2026-11-15
        regions:
          us-east-1:
            linux/x86_64:
              vcpuHour: -1
              gbHour: 0.004445
              storageGbHour: 0.000111
        """);

    assertThatThrownBy(() -> PriceTables.load(file))
        .isInstanceOf(ManifestException.class)
        .satisfies(
            e -> {
              ManifestException m = (ManifestException) e;
              assertThat(m.errors())
                  .extracting(ManifestError::line, ManifestError::message)
                  .contains(
                      org.assertj.core.groups.Tuple.tuple(
                          5,
                          "expected a price in US dollars (a number >= 0); found a number (-1)"));
              assertThat(m.errors())
                  .anySatisfy(
                      err -> assertThat(err.message()).startsWith("is required: the public page"));
            });
  }

  @Test
  void load_unknownPlatformAndBadRegion_sayWhatIsValid(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prices.yaml");
    Files.writeString(
        file,
        """
        date: 2026-11-15
        regions:
          useast1:
            linux/x86_64: {vcpuHour: 0.04, gbHour: 0.004, storageGbHour: 0.0001, source: "x"}
          us-east-1:
            linux/x86: {vcpuHour: 0.04, gbHour: 0.004, storageGbHour: 0.0001, source: "x"}
        """);

    assertThatThrownBy(() -> PriceTables.load(file))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("'useast1' is not an AWS region code such as us-east-1")
        .hasMessageContaining("unknown field 'linux/x86'")
        .hasMessageContaining("linux/x86_64, linux/arm64");
  }

  @Test
  void load_missingFile_saysSo(@TempDir Path dir) {
    assertThatThrownBy(() -> PriceTables.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("no such file");
  }
}
