package dev.daybreak.model.selector;

import java.util.regex.Pattern;

/**
 * Kubernetes' syntax of label keys and values (kubernetes.io, "Labels and Selectors", syntax and
 * character set), with the sentence that states each rule.
 */
public final class LabelSyntax {

  /** What a label key may be. */
  public static final String KEY_RULE =
      "an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and"
          + " '.', starting and ending with a letter or digit (e.g. 'team' or"
          + " 'example.com/owner')";

  /** What a label value may be. */
  public static final String VALUE_RULE =
      "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit,"
          + " or empty";

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private LabelSyntax() {}

  /** Whether {@code key} is a valid label (or annotation) key. */
  public static boolean isKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return NAME.matcher(name).matches();
  }

  /** Whether {@code value} is a valid label value. */
  public static boolean isValue(String value) {
    return value.isEmpty() || NAME.matcher(value).matches();
  }
}
