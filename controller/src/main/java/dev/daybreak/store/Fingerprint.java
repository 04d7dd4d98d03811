package dev.daybreak.store;

import dev.daybreak.model.DesiredState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A digest of a desired item's fields and version, written by daybreak beside them. A hand edit
 * (say a raw {@code UpdateItem} that sets only {@code state}) changes the fields but not the
 * fingerprint, which is how the store tells a hand edit from its own writes. It is computed from
 * the parsed values, so formatting an instant differently is not an edit.
 */
final class Fingerprint {

  /** Names the algorithm, so a later daybreak can change it without misreading old items. */
  private static final String SCHEME = "v1:";

  private Fingerprint() {}

  /**
   * The fingerprint; {@code pinned} counts only when true, so items written before the attribute
   * existed keep their fingerprint.
   */
  static String of(DesiredState desired, long version, boolean pinned) {
    List<String> fields = new ArrayList<>();
    if (pinned) {
      fields.add("pinned");
    }
    fields.addAll(
        List.of(
            desired.state().name(),
            desired.until().map(Object::toString).orElse(""),
            String.join(",", new TreeSet<>(desired.services())),
            desired.requestedBy(),
            desired.reason(),
            desired.requestedAt().toString(),
            Long.toString(version)));
    StringBuilder canonical = new StringBuilder();
    for (String field : fields) {
      canonical.append(field.length()).append(':').append(field).append(';');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return SCHEME + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
