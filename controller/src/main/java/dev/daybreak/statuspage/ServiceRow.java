package dev.daybreak.statuspage;

/**
 * One service of the environment view.
 *
 * @param name the service's name in the manifest
 * @param ecsService its ECS service
 * @param tier its tier, counted from 1
 * @param readiness {@code ready}, {@code not ready} or {@code unknown}
 * @param readinessClass the CSS class of the readiness (its colour)
 * @param running tasks running (from ECS when it answered, else the controller's last status)
 * @param target the count the controller is driving it to ({@code ?} before any status)
 * @param dependsOn the services it depends on, comma-separated
 */
public record ServiceRow(
    String name,
    String ecsService,
    int tier,
    String readiness,
    String readinessClass,
    String running,
    String target,
    String dependsOn) {}
