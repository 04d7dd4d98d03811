package dev.daybreak.model.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The cron dialect of {@code wakeCron} and {@code sleepCron}: classic Unix crontab, five fields
 * (minute, hour, day of month, month, day of week), as cron-utils' {@link CronType#UNIX} defines
 * it.
 *
 * <p>Chosen because it is the dialect people already write in crontabs and Kubernetes CronJobs. Day
 * names ({@code MON-FRI}) and numbers ({@code 1-5}; 0 and 7 are Sunday) both work; when both day of
 * month and day of week are restricted, a day matching either fires (as in Vixie cron). No seconds
 * field, no {@code ?}, {@code L} or {@code W} (Quartz), no {@code @daily} nicknames. The expression
 * is read in the schedule's {@code timeZone}.
 */
final class CronExpressions {

  /** An example shown in error messages. */
  static final String EXAMPLE = "0 8 * * MON-FRI";

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Any fixed instant: a valid expression fires within a few years of it, in both directions. */
  private static final LocalDateTime PROBE = LocalDateTime.of(2026, 1, 1, 0, 0);

  private CronExpressions() {}

  /**
   * Parses an expression.
   *
   * @return the firings, or a sentence saying what is wrong and what would be valid
   */
  static Parsed parse(String expression) {
    ExecutionTime executions;
    try {
      executions = ExecutionTime.forCron(PARSER.parse(expression).validate());
    } catch (IllegalArgumentException e) {
      return new Parsed(
          Optional.empty(),
          Optional.of(
              "invalid cron expression '"
                  + expression
                  + "': "
                  + e.getMessage()
                  + "; expected five fields (minute hour day-of-month month day-of-week), e.g. '"
                  + EXAMPLE
                  + "'"));
    }
    if (executions.nextExecution(PROBE.atZone(ZoneOffset.UTC)).isEmpty()) {
      return new Parsed(
          Optional.empty(),
          Optional.of("cron expression '" + expression + "' never fires (e.g. 30 February)"));
    }
    return new Parsed(Optional.of(new LocalTimes.Cron(expression, executions)), Optional.empty());
  }

  /** A parse outcome: the firings, or why there are none. */
  record Parsed(Optional<LocalTimes.Cron> times, Optional<String> problem) {}
}
