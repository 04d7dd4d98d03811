package dev.daybreak.ecssim;

import java.util.Objects;

/** An ECS resource tag. */
public record Tag(String key, String value) {
  public Tag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
