package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The capacity arithmetic against the examples of DynamoDB's Developer Guide ("DynamoDB read and
 * write operations", "Item sizes and formats").
 */
class CapacityTest {

  private static final long KB = 1024;

  @Test
  void getItem_3500Bytes_isRoundedUpToOne4KbUnit() {
    // "reading a 3,500-byte item consumes the same throughput as reading a 4 KB item"
    assertThat(Capacity.getItemUnits(3_500, true)).isEqualTo(1.0);
    assertThat(Capacity.getItemUnits(4 * KB, true)).isEqualTo(1.0);
  }

  @Test
  void getItem_8Kb_isTwoUnitsStronglyConsistent_oneEventuallyConsistent() {
    // "if your item size is 8 KB, you require 2 read units to sustain one strongly consistent
    // read, or 1 read unit if you choose eventually consistent reads"
    assertThat(Capacity.getItemUnits(8 * KB, true)).isEqualTo(2.0);
    assertThat(Capacity.getItemUnits(8 * KB, false)).isEqualTo(1.0);
  }

  @Test
  void getItem_10Kb_isRoundedUpTo12Kb() {
    // "If you read a 10 KB item, DynamoDB rounds the item size to 12 KB": 3 units
    assertThat(Capacity.getItemUnits(10 * KB, true)).isEqualTo(3.0);
    assertThat(Capacity.getItemUnits(10 * KB, false)).isEqualTo(1.5);
  }

  @Test
  void getItem_ofNoItem_stillCostsOneUnit() {
    assertThat(Capacity.getItemUnits(0, true)).isEqualTo(1.0);
    assertThat(Capacity.getItemUnits(0, false)).isEqualTo(0.5);
  }

  @Test
  void query_sumsTheItemsBeforeRounding_notEachItem() {
    // Query and Scan: the sizes of all items read are summed, then rounded up to 4 KB; unlike
    // BatchGetItem's documented "1.5 KB and 6.5 KB items count as 12 KB (4 KB + 8 KB)".
    long a = 1_536;
    long b = 6_656;
    assertThat(Capacity.pagedReadUnits(List.of(a, b), true)).isEqualTo(2.0);
    assertThat(Capacity.getItemUnits(a, true) + Capacity.getItemUnits(b, true)).isEqualTo(3.0);
  }

  @Test
  void scan_isChargedPerMegabytePage_halfWhenEventuallyConsistent() {
    // A full 1 MB page, eventually consistent, is 128 units (1 MB / 4 KB / 2); pages are rounded
    // one by one.
    List<Long> oneMegabyte = Collections.nCopies(256, 4 * KB);
    assertThat(Capacity.pagedReadUnits(oneMegabyte, false)).isEqualTo(128.0);
    List<Long> overOnePage = new ArrayList<>(oneMegabyte);
    overOnePage.add(100L);
    assertThat(Capacity.pagedReadUnits(overOnePage, false)).isEqualTo(128.5);
    assertThat(Capacity.pagedReadUnits(overOnePage, true)).isEqualTo(257.0);
  }

  @Test
  void write_isRoundedUpTo1Kb() {
    // "One write unit represents one write for an item up to 1 KB in size"; larger items take
    // one more per 1 KB started
    assertThat(Capacity.writeUnits(500)).isEqualTo(1);
    assertThat(Capacity.writeUnits(3_584)).isEqualTo(4);
  }

  @Test
  void itemSize_countsNamesValuesNumbersAndLists() {
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS("env#a"), // 2 + 5
            "version", AttributeValue.fromN("12345"), // 7 + (5 digits: 3 + 1)
            "ok", AttributeValue.fromBool(true), // 2 + 1
            "l", AttributeValue.fromL(List.of(AttributeValue.fromS("ab")))); // 1 + 3 + 1 + 2
    assertThat(Capacity.itemSize(item)).isEqualTo(7 + 11 + 3 + 7);
    assertThat(Capacity.itemSize(Map.of("é", AttributeValue.fromS("ü")))).isEqualTo(4);
  }

  @Test
  void numberSize_isOneBytePerTwoSignificantDigitsPlusOne() {
    assertThat(Capacity.numberSize("0")).isEqualTo(2);
    assertThat(Capacity.numberSize("1700000000")).isEqualTo(2); // two significant digits
    assertThat(Capacity.numberSize("1765432101")).isEqualTo(6); // ten
    assertThat(Capacity.numberSize("-0.00123")).isEqualTo(3); // three
  }
}
