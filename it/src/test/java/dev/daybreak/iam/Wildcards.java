package dev.daybreak.iam;

/**
 * IAM's wildcard matching, as AWS documents it for the Action, Resource and Condition elements:
 * {@code *} matches any run of characters (including none), {@code ?} exactly one character;
 * nothing else is special. Policy variables ({@code ${aws:username}}) are refused rather than
 * matched literally, because they are not: daybreak's policies have none.
 */
final class Wildcards {

  private Wildcards() {}

  /**
   * Whether {@code value} matches {@code pattern}.
   *
   * @param ignoreCase true for actions (IAM action names are case-insensitive), false for ARNs and
   *     StringLike
   */
  static boolean matches(String pattern, String value, boolean ignoreCase) {
    if (pattern.contains("${")) {
      throw new IllegalArgumentException(
          "policy variables are not supported by this evaluator: '" + pattern + "'");
    }
    String p = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value;
    // Iterative glob matching with backtracking to the last '*': linear in practice.
    int pi = 0;
    int vi = 0;
    int star = -1;
    int mark = 0;
    while (vi < v.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
        pi++;
        vi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = vi;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  /**
   * ARN matching: each of the six colon-separated parts ({@code arn:partition:service:region:
   * account:resource}) is matched on its own, so a wildcard never spans a colon between parts (AWS,
   * "ArnLike": "each of the six colon-delimited components of the ARN is checked separately"). A
   * pattern of {@code *} matches every resource.
   */
  static boolean matchesArn(String pattern, String arn) {
    if (pattern.equals("*")) {
      return true;
    }
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != 6 || a.length != 6) {
      return matches(pattern, arn, false);
    }
    for (int i = 0; i < 6; i++) {
      if (!matches(p[i], a[i], false)) {
        return false;
      }
    }
    return true;
  }
}
