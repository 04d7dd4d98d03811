package dev.daybreak.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.model.savings.EnvironmentSavings;
import dev.daybreak.model.savings.ServiceSavings;
import dev.daybreak.savings.Pricing;
import dev.daybreak.savings.SavingsReport;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.time.Times;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak savings}: what sleeping saved, per environment and in total. */
@Command(
    name = "savings",
    mixinStandardHelpOptions = true,
    description = {
      "What sleeping saved: per environment, the task-hours its services did not run while"
          + " daybreak kept them at zero (compared with running their awake counts all along),"
          + " and what those would have cost at the price table's Fargate prices.",
      "Default period: this month so far, in --zone. Regions the price table lacks are shown"
          + " in task-hours with 'no price'."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE
    })
final class SavingsCommand implements Callable<Integer> {

  /** How savings print. */
  enum Format {
    /** Aligned columns for people. */
    TABLE,
    /** JSON for scripts. */
    JSON,
    /** CSV, one row per service, for spreadsheets. */
    CSV
  }

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin SelectorOptions selector;
  @Mixin PriceOptions prices;

  @Parameters(paramLabel = "ENV", description = "Only these environments. Default: all.")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description = "From the start of DATE (YYYY-MM-DD, in --zone) until now.")
  String since;

  @Option(
      names = "--month",
      paramLabel = "YYYY-MM",
      description = "The whole of that month (until now for the current one), in --zone.")
  String month;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json|csv",
      defaultValue = "table",
      description = "Output format. Default: ${DEFAULT-VALUE}.")
  Format output;

  private final CliContext context;

  SavingsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ZoneId zone = context.zone();
    Instant[] period = period(zone);
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = store.open(context, spec.commandLine().getErr())) {
      List<StoredEnvironment> environments =
          Selection.of(opened.store(), names, selector.selector());
      SavingsService service =
          new SavingsService(
              opened.store(), new Pricing(prices.table(), store.region()), context.clock());
      SavingsReport report =
          service.report(
              environments.stream().map(StoredEnvironment::name).toList(), period[0], period[1]);
      Instant kept = context.clock().instant().minus(StateStore.DOWNTIME_RETENTION);
      if (period[0].isBefore(kept)) {
        spec.commandLine()
            .getErr()
            .println(
                "note: downtimes are kept "
                    + StateStore.DOWNTIME_RETENTION.toDays()
                    + " days; what was saved before "
                    + kept.atZone(zone).toLocalDate()
                    + " is no longer counted");
      }
      switch (output) {
        case JSON -> out.println(Views.render(json(report, prices.source()), OutputFormat.JSON));
        case CSV -> csv(report, out);
        case TABLE -> table(report, zone, out);
      }
      return ExitCodes.OK;
    }
  }

  private Instant[] period(ZoneId zone) {
    if (since != null && month != null) {
      throw new ParameterException(
          spec.commandLine(), "give --since DATE or --month YYYY-MM, not both");
    }
    Instant now = context.clock().instant();
    if (since != null) {
      try {
        return new Instant[] {LocalDate.parse(since).atStartOfDay(zone).toInstant(), now};
      } catch (DateTimeParseException e) {
        throw new ParameterException(
            spec.commandLine(),
            "Invalid value for option '--since': '" + since + "' is not a date; use YYYY-MM-DD");
      }
    }
    YearMonth ym;
    try {
      ym = month != null ? YearMonth.parse(month) : YearMonth.from(now.atZone(zone));
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--month': '" + month + "' is not a month; use YYYY-MM");
    }
    return new Instant[] {
      ym.atDay(1).atStartOfDay(zone).toInstant(),
      ym.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()
    };
  }

  /** Dollars to four decimals (a cent is 0.01), so that sums can be checked. */
  static BigDecimal dollars(double value) {
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
  }

  static BigDecimal hours(double value) {
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
  }

  static ObjectNode json(SavingsReport report, String pricesSource) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("from", report.from().toString());
    root.put("to", report.to().toString());
    root.putObject("prices")
        .put("date", report.pricesDate().toString())
        .put("source", pricesSource);
    root.putObject("total")
        .put("dollars", dollars(report.dollars()))
        .put("taskHours", hours(report.taskHours()));
    ArrayNode envs = root.putArray("environments");
    for (EnvironmentSavings e : report.environments()) {
      ObjectNode env = envs.addObject();
      env.put("name", e.environment());
      env.put("region", e.region());
      env.put("dollars", dollars(e.dollars()));
      env.put("taskHours", hours(e.taskHours()));
      e.noPrice().ifPresent(n -> env.put("noPrice", n));
      ArrayNode services = env.putArray("services");
      for (ServiceSavings s : e.services()) {
        ObjectNode node = services.addObject();
        node.put("name", s.service());
        node.put("taskHours", hours(s.taskHours()));
        s.dollars().ifPresent(d -> node.put("dollars", dollars(d)));
        s.noPrice().ifPresent(n -> node.put("noPrice", n));
      }
    }
    return root;
  }

  private static void csv(SavingsReport report, PrintWriter out) {
    out.println("environment,region,service,task_hours,dollars");
    for (EnvironmentSavings e : report.environments()) {
      for (ServiceSavings s : e.services()) {
        out.println(
            String.join(
                ",",
                e.environment(),
                e.region(),
                s.service(),
                hours(s.taskHours()).toPlainString(),
                s.dollars().map(d -> dollars(d).toPlainString()).orElse("")));
      }
    }
    out.println(
        "TOTAL,,,"
            + hours(report.taskHours()).toPlainString()
            + ","
            + dollars(report.dollars()).toPlainString());
  }

  private static void table(SavingsReport report, ZoneId zone, PrintWriter out) {
    TextTable table = new TextTable("NAME", "REGION", "TASK-HOURS", "SAVED", "NOTE");
    for (EnvironmentSavings e : report.environments()) {
      table.row(
          e.environment(),
          e.region(),
          String.format(Locale.ROOT, "%.1f", e.taskHours()),
          String.format(Locale.ROOT, "$%.2f", e.dollars()),
          e.noPrice().orElse(""));
    }
    table.row(
        "TOTAL",
        "",
        String.format(Locale.ROOT, "%.1f", report.taskHours()),
        String.format(Locale.ROOT, "$%.2f", report.dollars()),
        "");
    table.print(out, "");
    out.println(
        "From "
            + Times.show(report.from(), zone)
            + " to "
            + Times.show(report.to(), zone)
            + "; Fargate prices of "
            + report.pricesDate());
  }
}
