package dev.daybreak.store;

import java.util.List;

/**
 * The role of a {@link StateStore} that reads the audit trail (written with every desired write).
 */
public interface AuditLog {

  /** The newest audit entries of an environment, newest first. */
  List<AuditEntry> audit(String environment, int limit);
}
