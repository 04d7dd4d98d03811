package dev.daybreak.statuspage;

/**
 * How far a wake or sleep has come, drawn as a bar.
 *
 * @param text e.g. {@code tier 2 of 4, 3/5 services ready}
 * @param value services ready (the bar's value)
 * @param max services in the environment (the bar's maximum)
 */
public record TierProgress(String text, int value, int max) {}
