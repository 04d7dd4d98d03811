package dev.daybreak.lease;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Which shard an environment belongs to: CRC-32 of its name, stable across JVMs and versions. */
public final class Shards {

  private Shards() {}

  /** The shard of {@code environment} among {@code shards}. */
  public static int of(String environment, int shards) {
    CRC32 crc = new CRC32();
    crc.update(environment.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }

  /** The name a lease is fenced under: {@code shard/shards}. */
  static String name(int shard, int shards) {
    return shard + "/" + shards;
  }
}
