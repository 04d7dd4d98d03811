package dev.daybreak.ecssim;

/**
 * An entry of a Describe call's {@code failures}.
 *
 * @param arn the ARN of what was asked for
 * @param reason why it is not in the answer, e.g. {@code MISSING}
 */
public record Failure(String arn, String reason) {

  /** ECS's reason for a resource it does not know. */
  public static final String MISSING = "MISSING";
}
