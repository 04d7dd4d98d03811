package dev.daybreak.manifests;

import dev.daybreak.model.savings.Architecture;
import dev.daybreak.model.savings.OsFamily;
import dev.daybreak.model.savings.Platform;
import dev.daybreak.model.savings.PriceTable;
import dev.daybreak.model.savings.Rate;
import dev.daybreak.model.savings.RegionPrices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Fargate price tables ({@code manifests/prices/fargate.yaml} and files in its format given
 * to {@code --prices}): every figure checked, every problem reported with its line, nothing
 * returned when any is wrong.
 */
public final class PriceTables {

  /** The shipped table, on the class path beside this class. */
  static final String BUILT_IN = "prices/fargate.yaml";

  static final List<String> FIELDS = List.of("date", "regions");
  static final List<String> RATE_FIELDS = List.of("vcpuHour", "gbHour", "storageGbHour", "source");
  static final List<String> SPOT_FIELDS = List.of("factor", "source");
  static final String SPOT = "spotFactor";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final List<String> PLATFORMS =
      List.of("linux/x86_64", "linux/arm64", "windows/x86_64", "windows/arm64");

  private PriceTables() {}

  /** The price table shipped with daybreak. */
  public static PriceTable builtIn() {
    try (InputStream in = PriceTables.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException(
            "the built-in price table "
                + BUILT_IN
                + " is not on the class path; the jar is incomplete");
      }
      return parse(
          "the built-in price table", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in price table", e);
    }
  }

  /**
   * The price table in {@code file}.
   *
   * @throws ManifestException naming the file, and the line and field of each problem
   */
  public static PriceTable load(Path file) {
    Problems problems = new Problems(file.toString());
    Optional<PriceTable> table =
        SourceFiles.read(file, "a price table", problems).flatMap(t -> read(t, problems));
    if (!problems.isEmpty() || table.isEmpty()) {
      throw new ManifestException(problems.inDocumentOrder());
    }
    return table.get();
  }

  /**
   * The price table in {@code text}.
   *
   * @param source what the text is, for messages
   * @throws ManifestException with the line and field of each problem
   */
  public static PriceTable parse(String source, String text) {
    Problems problems = new Problems(source);
    Optional<PriceTable> table = read(text, problems);
    if (!problems.isEmpty() || table.isEmpty()) {
      throw new ManifestException(problems.inDocumentOrder());
    }
    return table.get();
  }

  private static Optional<PriceTable> read(String text, Problems problems) {
    List<LocatedDocument> documents = YamlReader.read(text, problems);
    if (documents.size() != 1) {
      if (problems.isEmpty()) {
        problems.addUnlocated(
            "expected one YAML document with date and regions; found " + documents.size());
      }
      return Optional.empty();
    }
    Node root = Node.root(documents.get(0), problems);
    Optional<Fields> fields = root.mapping(FIELDS, false);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> date =
        fields
            .get()
            .required("date", "the date the figures were taken, e.g. 2026-12-01")
            .flatMap(PriceTables::date);
    Optional<Map<String, RegionPrices>> regions =
        fields
            .get()
            .required("regions", "a mapping of AWS region codes (us-east-1) to prices")
            .flatMap(PriceTables::regions);
    if (date.isEmpty() || regions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PriceTable(date.get(), regions.get()));
  }

  private static Optional<LocalDate> date(Node node) {
    String text = node.json().asText();
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      node.error("'" + Node.shorten(text) + "' is not a date; use YYYY-MM-DD, e.g. 2026-12-01");
      return Optional.empty();
    }
  }

  private static Optional<Map<String, RegionPrices>> regions(Node node) {
    if (!node.json().isObject() || node.json().isEmpty()) {
      node.error(
          "expected a mapping of AWS region codes (us-east-1) to prices; found "
              + Node.describe(node.json()));
      return Optional.empty();
    }
    Map<String, RegionPrices> out = new LinkedHashMap<>();
    boolean valid = true;
    List<String> names = new ArrayList<>();
    node.json().fieldNames().forEachRemaining(names::add);
    for (String region : names) {
      Node child = node.child(region);
      if (!REGION.matcher(region).matches()) {
        child.keyError(
            "'" + Node.shorten(region) + "' is not an AWS region code such as us-east-1");
        valid = false;
        continue;
      }
      Optional<RegionPrices> prices = region(child);
      prices.ifPresent(p -> out.put(region, p));
      valid &= prices.isPresent();
    }
    return valid ? Optional.of(out) : Optional.empty();
  }

  private static Optional<RegionPrices> region(Node node) {
    List<String> allowed = new ArrayList<>(PLATFORMS);
    allowed.add(SPOT);
    Optional<Fields> fields = node.mapping(allowed, false);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<Platform, Rate> rates = new LinkedHashMap<>();
    boolean valid = true;
    for (String platform : PLATFORMS) {
      Optional<Node> value = fields.get().optional(platform);
      if (fields.get().has(platform) && value.isEmpty()) {
        valid = false;
        continue;
      }
      if (value.isEmpty()) {
        continue;
      }
      Optional<Rate> rate = rate(value.get());
      rate.ifPresent(r -> rates.put(platform(platform), r));
      valid &= rate.isPresent();
    }
    Optional<RegionPrices.SpotFactor> spot = Optional.empty();
    if (fields.get().has(SPOT)) {
      spot = fields.get().optional(SPOT).flatMap(PriceTables::spot);
      valid &= spot.isPresent();
    }
    if (rates.isEmpty() && valid) {
      node.error("a region lists at least one of " + String.join(", ", PLATFORMS));
      return Optional.empty();
    }
    return valid ? Optional.of(new RegionPrices(rates, spot)) : Optional.empty();
  }

  private static Platform platform(String key) {
    String[] parts = key.split("/");
    return new Platform(
        OsFamily.valueOf(parts[0].toUpperCase(Locale.ROOT)),
        Architecture.valueOf(parts[1].toUpperCase(Locale.ROOT)));
  }

  private static Optional<Rate> rate(Node node) {
    Optional<Fields> fields = node.mapping(RATE_FIELDS, false);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> vcpu = price(fields.get(), "vcpuHour");
    Optional<Double> gb = price(fields.get(), "gbHour");
    Optional<Double> storage = price(fields.get(), "storageGbHour");
    Optional<String> source = source(fields.get());
    if (vcpu.isEmpty() || gb.isEmpty() || storage.isEmpty() || source.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Rate(vcpu.get(), gb.get(), storage.get(), source.get()));
  }

  private static Optional<RegionPrices.SpotFactor> spot(Node node) {
    Optional<Fields> fields = node.mapping(SPOT_FIELDS, false);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> factor =
        fields
            .get()
            .required("factor", "what Fargate Spot costs as a fraction of on-demand, e.g. 0.3")
            .flatMap(
                n -> {
                  double f = n.json().asDouble(-1);
                  if (!n.json().isNumber() || !(f > 0 && f <= 1)) {
                    n.error(
                        "expected a number above 0 and at most 1 (0.3 = Spot costs 30% of"
                            + " on-demand); found "
                            + Node.describe(n.json()));
                    return Optional.empty();
                  }
                  return Optional.of(f);
                });
    Optional<String> source = source(fields.get());
    if (factor.isEmpty() || source.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RegionPrices.SpotFactor(factor.get(), source.get()));
  }

  private static Optional<Double> price(Fields fields, String name) {
    return fields
        .required(name, "a price in US dollars, e.g. 0.04048")
        .flatMap(
            n -> {
              if (!n.json().isNumber() || n.json().asDouble() < 0) {
                n.error(
                    "expected a price in US dollars (a number >= 0); found "
                        + Node.describe(n.json()));
                return Optional.empty();
              }
              return Optional.of(n.json().asDouble());
            });
  }

  private static Optional<String> source(Fields fields) {
    return fields
        .required("source", "the public page the figure was taken from")
        .flatMap(Node::string)
        .filter(s -> !s.isBlank());
  }
}
