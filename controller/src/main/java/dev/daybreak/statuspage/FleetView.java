package dev.daybreak.statuspage;

import java.util.List;
import java.util.Optional;

/**
 * The fleet view ({@code /}).
 *
 * @param selector the label selector of {@code ?l=}, as given ("" for none)
 * @param problem why the selector was refused, or why nothing is listed
 * @param environments the environments shown
 * @param live whether the page updates itself over {@code /events}
 */
public record FleetView(
    String selector, Optional<String> problem, List<EnvRow> environments, boolean live) {}
