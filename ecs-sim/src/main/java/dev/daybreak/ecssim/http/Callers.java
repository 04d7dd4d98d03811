package dev.daybreak.ecssim.http;

/** Who made a call, as far as its User-Agent tells. */
final class Callers {

  private Callers() {}

  /**
   * The application id ({@code app/<id>}, set by the AWS SDKs' {@code appId} / AWS CLI's {@code
   * sdk_ua_app_id}) if the User-Agent carries one, else its first product token (e.g. {@code
   * aws-cli/1.45.11}), else {@code unknown}.
   */
  static String fromUserAgent(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    String[] tokens = userAgent.trim().split("\\s+");
    for (String token : tokens) {
      if (token.startsWith("app/") && token.length() > 4) {
        return token.substring(4);
      }
    }
    return tokens[0];
  }
}
