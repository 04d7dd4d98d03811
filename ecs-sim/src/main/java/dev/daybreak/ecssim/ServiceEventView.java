package dev.daybreak.ecssim;

import java.time.Instant;

/** A service event as DescribeServices returns it. */
public record ServiceEventView(String id, Instant createdAt, String message) {}
