package dev.daybreak.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's capacity arithmetic, as its Developer Guide documents it ("DynamoDB read and write
 * operations", "Item sizes and formats"), so that what the in-memory table serves can be charged as
 * DynamoDB would charge it:
 *
 * <ul>
 *   <li>an item's size is the UTF-8 length of its attribute names plus the size of their values (a
 *       string its UTF-8 length, a binary its length, a number one byte per two significant digits
 *       plus one, a boolean or null one byte, a list or map 3 bytes plus one per element plus the
 *       elements);
 *   <li>a read is charged one read unit per 4 KB, rounded up, half of that when eventually
 *       consistent; a {@code GetItem} rounds its one item, a {@code Query} or {@code Scan} rounds
 *       the sum of the items it read in one page (at most 1 MB), before any filter, and a read that
 *       finds nothing still costs one unit (half when eventually consistent);
 *   <li>a write is charged one write unit per 1 KB of the larger of the item before and after,
 *       rounded up.
 * </ul>
 *
 * <p>Thread-safe: the counters are adders.
 */
public final class Capacity {

  /** The bytes one read unit reads (strongly consistent). */
  public static final long READ_UNIT_BYTES = 4096;

  /** The bytes one write unit writes. */
  public static final long WRITE_UNIT_BYTES = 1024;

  /** The most a Query or Scan reads in one page (its 1 MB limit). */
  public static final long PAGE_BYTES = 1024 * 1024;

  private final DoubleAdder readUnits = new DoubleAdder();
  private final DoubleAdder writeUnits = new DoubleAdder();

  /** What was consumed so far. */
  public record Consumed(double readUnits, double writeUnits) {
    /** What was consumed since {@code earlier}. */
    public Consumed minus(Consumed earlier) {
      return new Consumed(readUnits - earlier.readUnits, writeUnits - earlier.writeUnits);
    }
  }

  /** What was consumed so far. */
  public Consumed consumed() {
    return new Consumed(readUnits.sum(), writeUnits.sum());
  }

  void chargeRead(double units) {
    readUnits.add(units);
  }

  void chargeWrite(double units) {
    writeUnits.add(units);
  }

  /** The size DynamoDB counts for an item, in bytes. */
  public static long itemSize(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
    }
    return size;
  }

  /** The read units one item read ({@code GetItem}) costs. */
  public static double getItemUnits(long itemBytes, boolean consistent) {
    return units(itemBytes, READ_UNIT_BYTES) * (consistent ? 1.0 : 0.5);
  }

  /**
   * The read units a {@code Query} or {@code Scan} costs that read items of these sizes (before any
   * filter): the items are taken in pages of at most {@link #PAGE_BYTES}, and each page's sum is
   * rounded up to 4 KB.
   */
  public static double pagedReadUnits(List<Long> itemBytes, boolean consistent) {
    double units = 0;
    long page = 0;
    boolean open = false;
    for (long bytes : itemBytes) {
      if (open && page + bytes > PAGE_BYTES) {
        units += units(page, READ_UNIT_BYTES);
        page = 0;
      }
      page += bytes;
      open = true;
    }
    units += units(page, READ_UNIT_BYTES);
    return units * (consistent ? 1.0 : 0.5);
  }

  /**
   * The write units a write costs whose item is {@code itemBytes} (the larger of before and after).
   */
  public static long writeUnits(long itemBytes) {
    return units(itemBytes, WRITE_UNIT_BYTES);
  }

  /** Whole units of {@code unit} bytes, rounded up; at least one. */
  private static long units(long bytes, long unit) {
    return Math.max(1, (bytes + unit - 1) / unit);
  }

  private static long valueSize(AttributeValue value) {
    return switch (value.type()) {
      case S -> utf8(value.s());
      case N -> numberSize(value.n());
      case B -> value.b().asByteArray().length;
      case BOOL, NUL -> 1;
      case SS -> value.ss().stream().mapToLong(Capacity::utf8).sum();
      case NS -> value.ns().stream().mapToLong(Capacity::numberSize).sum();
      case BS -> value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
      case L -> 3 + value.l().stream().mapToLong(v -> 1 + valueSize(v)).sum();
      case M ->
          3
              + value.m().entrySet().stream()
                  .mapToLong(e -> 1 + utf8(e.getKey()) + valueSize(e.getValue()))
                  .sum();
      case UNKNOWN_TO_SDK_VERSION -> 0;
    };
  }

  /** One byte per two significant digits, plus one. */
  static long numberSize(String number) {
    String digits = new BigDecimal(number).abs().stripTrailingZeros().unscaledValue().toString();
    int significant = "0".equals(digits) ? 1 : digits.length();
    return (significant + 1) / 2 + 1;
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
