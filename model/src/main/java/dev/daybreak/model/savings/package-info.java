/**
 * Savings: what sleeping saves. Pure: no I/O, no clock but the instants passed in.
 *
 * <p>While daybreak keeps a service at zero (the environment asleep, the service left out of a
 * partial wake, or stopped before the environment turned Degraded half-asleep), the tasks it would
 * have run awake are not billed. {@link dev.daybreak.model.savings.SleepLedger} turns each pass's
 * status into {@link dev.daybreak.model.savings.Downtime} intervals (service, from, to, the count
 * it would have run, its {@link dev.daybreak.model.savings.TaskSize}); {@link
 * dev.daybreak.model.savings.Savings} prices them with a {@link
 * dev.daybreak.model.savings.PriceTable}: task-hours = hours × count, dollars = task-hours × (vCPU
 * × vCPU-hour + GB × GB-hour + storage above the free 20 GiB × storage GB-hour), times the Spot
 * factor for Fargate Spot. Intervals are measured between instants, so a night across a daylight
 * saving change counts the hours that really passed.
 */
package dev.daybreak.model.savings;
