package dev.daybreak.manifests;

import dev.daybreak.model.selector.LabelSyntax;
import java.util.regex.Pattern;

/** The naming rules of the things a manifest names, with the sentence that states each rule. */
final class Names {

  static final String DNS_LABEL_RULE =
      "at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
          + " (e.g. 'shop-dev')";
  static final String ECS_NAME_RULE = "1 to 255 letters, digits, '-' and '_' (the ECS naming rule)";
  static final String CLUSTER_RULE =
      ECS_NAME_RULE + ", or a cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)";
  static final String SLACK_USER_RULE = "a Slack user id such as U0123ABCD (U or W, then A-Z, 0-9)";
  static final String SLACK_MENTION_RULE =
      "a Slack user id (U0123ABCD) or user group id (S0123ABCD): uppercase letters and digits";
  static final String SLACK_CHANNEL_ID_RULE =
      "a Slack channel id such as C0123ABCD (C or G, then A-Z, 0-9)";
  static final String SLACK_CHANNEL_RULE =
      SLACK_CHANNEL_ID_RULE + ", or a channel name such as '#dev-envs'";
  static final String LABEL_KEY_RULE = LabelSyntax.KEY_RULE;
  static final String LABEL_VALUE_RULE = LabelSyntax.VALUE_RULE;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255}");
  private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,20}");
  private static final Pattern SLACK_MENTION = Pattern.compile("[UWS][A-Z0-9]{2,20}");
  private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,20}");
  private static final Pattern SLACK_CHANNEL_NAME = Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}");

  private Names() {}

  /** An RFC 1123 label: environment names, holiday calendar names. */
  static boolean isDnsLabel(String name) {
    return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
  }

  /** An ECS service or cluster name. */
  static boolean isEcsName(String name) {
    return ECS_NAME.matcher(name).matches();
  }

  static boolean isCluster(String cluster) {
    return isEcsName(cluster) || CLUSTER_ARN.matcher(cluster).matches();
  }

  static boolean isSlackUser(String id) {
    return SLACK_USER.matcher(id).matches();
  }

  static boolean isSlackMention(String id) {
    return SLACK_MENTION.matcher(id).matches();
  }

  static boolean isSlackChannelId(String id) {
    return SLACK_CHANNEL_ID.matcher(id).matches();
  }

  static boolean isSlackChannel(String channel) {
    return isSlackChannelId(channel) || SLACK_CHANNEL_NAME.matcher(channel).matches();
  }

  /** A Kubernetes-style label or annotation key. */
  static boolean isLabelKey(String key) {
    return LabelSyntax.isKey(key);
  }

  static boolean isLabelValue(String value) {
    return LabelSyntax.isValue(value);
  }
}
