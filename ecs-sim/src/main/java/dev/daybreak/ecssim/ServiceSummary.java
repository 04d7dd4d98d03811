package dev.daybreak.ecssim;

/** One service's counts, for the simulator's inspection endpoint. */
public record ServiceSummary(
    String cluster,
    String service,
    String status,
    int desiredCount,
    int runningCount,
    int pendingCount,
    int failedTasks) {}
