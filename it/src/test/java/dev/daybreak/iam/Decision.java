package dev.daybreak.iam;

/** What IAM's policy evaluation concludes for one request. */
public enum Decision {
  /** An Allow statement matched and no Deny did. */
  ALLOW,
  /** No statement matched: denied by default. */
  IMPLICIT_DENY,
  /** A Deny statement matched: it overrides every Allow. */
  EXPLICIT_DENY
}
