package dev.daybreak.statuspage;

/**
 * One ECS service event, shown as text.
 *
 * @param service the service it belongs to
 * @param at when ECS recorded it
 * @param message ECS's message, verbatim
 */
public record EventRow(String service, Moment at, String message) {}
