/**
 * Schedules: when environments sleep and wake by themselves, holidays, pre-warming, and how manual
 * changes override the schedule. Pure: no I/O, no clock but the instants passed in.
 *
 * <h2>Edges and the step function</h2>
 *
 * A {@link dev.daybreak.model.schedule.Schedule} is compiled from a {@link
 * dev.daybreak.model.ScheduleSpec}. Each window contributes edges:
 *
 * <ul>
 *   <li>Times: a wake at {@code wakeAt} on each of {@code days}, and a sleep at {@code sleepAt} the
 *       same day, or the next day when {@code sleepAt <= wakeAt} (the window spans midnight; equal
 *       times make a 24-hour window). Either edge may be left out: a window with only {@code
 *       sleepAt} puts the environment to sleep every night and leaves waking to people.
 *   <li>Cron: a wake at each firing of {@code wakeCron} and a sleep at each firing of {@code
 *       sleepCron}, five-field Unix crontab syntax (see {@code CronExpressions}).
 * </ul>
 *
 * The schedule's state at an instant is the state set by the latest edge at or before it, whatever
 * window it came from. Edges at the same instant are applied in wall-clock order, and at the same
 * wall-clock time a wake after a sleep, so a window ending at 12:00 and another starting at 12:00
 * join without a gap. Windows given as times must not overlap (the validator says so), because one
 * window's sleep would cut the other short.
 *
 * <h2>Holidays</h2>
 *
 * A wake whose local date (for {@code wakeBy}: the deadline's date) is a holiday is skipped, and
 * the environment stays asleep that day. Sleeps still happen. An overnight window that began the
 * day before still ends at its {@code sleepAt}. Holidays are explicit dates plus named calendars
 * ({@link dev.daybreak.model.schedule.HolidayCalendar}).
 *
 * <h2>Pre-warming</h2>
 *
 * A window with {@code wakeBy} instead of {@code wakeAt} wakes {@code lead} earlier, so that the
 * environment is Awake by the deadline; {@link dev.daybreak.model.schedule.WakeLead} computes the
 * lead. A sleep from a pre-warming wake up to its deadline does not fire: being Awake by the
 * deadline comes first.
 *
 * <h2>Daylight saving</h2>
 *
 * Edges are found on the local wall clock and then mapped to instants. A local time skipped when
 * clocks spring forward happens once, at the transition (02:30 on 2026-03-29 in Europe/Berlin is
 * 03:00 CEST). A local time repeated when clocks fall back happens once, at its first occurrence
 * (01:30 on 2026-11-01 in America/New_York is 01:30 EDT).
 *
 * <h2>Effective state</h2>
 *
 * {@link dev.daybreak.model.schedule.EffectiveState#resolve} combines the stored desired item
 * (which may be a manual override), the pin and the schedule into a {@link
 * dev.daybreak.model.schedule.Resolution}: the state, why, and when to look again.
 */
package dev.daybreak.model.schedule;
