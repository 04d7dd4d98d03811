package dev.daybreak.manifests;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Decodes a manifest file strictly as UTF-8, locating the first invalid byte. */
final class Utf8 {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private Utf8() {}

  /** The text of {@code bytes} without a leading byte order mark; empty if not valid UTF-8. */
  static Optional<String> decode(byte[] bytes, Problems problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      String before = out.flip().toString();
      int lineStart = before.lastIndexOf('\n') + 1;
      int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
      int column = before.codePointCount(lineStart, before.length()) + 1;
      problems.add(
          new Position(line, column),
          FieldPath.ROOT,
          String.format(
              "not valid UTF-8: byte 0x%02X at offset %d does not start or continue a character;"
                  + " save the file as UTF-8",
              bytes[in.position()] & 0xFF, in.position()));
      return Optional.empty();
    }
    String text = out.flip().toString();
    return Optional.of(
        !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text);
  }
}
