package dev.daybreak.cli;

import dev.daybreak.config.Setting;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.StoreException;
import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code daybreak} command line: kubectl-like verbs for environments and the controller. */
@Command(
    name = "daybreak",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Puts ECS development environments to sleep and wakes them in dependency order.",
      ""
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      GraphCommand.class,
      InitCommand.class,
      ApplyCommand.class,
      GetCommand.class,
      SavingsCommand.class,
      ScheduleCommand.class,
      PlanCommand.class,
      DescribeCommand.class,
      WakeCommand.class,
      SleepCommand.class,
      WatchCommand.class,
      RunCommand.class,
      ReconcileCommand.class,
      SandboxCommand.class,
      EcsSimCommand.class,
      CompletionCommand.class
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE,
      ExitCodes.CONFLICT_LINE,
      ExitCodes.TIMEOUT_LINE
    },
    footer = {
      "",
      "The store options (--store, --table, --dynamodb-endpoint, --region) go before the command"
          + " or after it, on every command that reads or writes state."
    })
public final class Daybreak implements StoreRoot {

  /** The store options, inherited by every subcommand that uses a store. */
  @Mixin StoreFlags store;

  private Daybreak() {}

  @Override
  public StoreFlags storeFlags() {
    return store;
  }

  /** The picocli command line of a real process. */
  public static CommandLine commandLine() {
    return commandLine(CliContext.production());
  }

  /** The picocli command line with its surroundings supplied (tests, the sandbox). */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, System.getenv());
  }

  /**
   * The picocli command line with its surroundings and environment variables supplied: each flag
   * listed in {@link Setting} defaults to its variable in {@code environment}.
   */
  static CommandLine commandLine(CliContext context, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new Daybreak(), new ContextFactory(context));
    commandLine.setDefaultValueProvider(new SettingDefaults(environment));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(Daybreak::usageError);
    commandLine.setExecutionExceptionHandler(Daybreak::failure);
    GlobalOptions.inherit(commandLine);
    commandLine.setExecutionStrategy(
        parseResult -> {
          GlobalOptions.checkOnce(parseResult);
          return new CommandLine.RunLast().execute(parseResult);
        });
    return commandLine;
  }

  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    if (LogFormat.requested(args, System.getenv()) == LogFormat.JSON) {
      JsonStderr.install();
      commandLine.setErr(new java.io.PrintWriter(System.err, true));
    }
    System.exit(commandLine.execute(args));
  }

  /** Bad usage: one line saying what was expected, and where to read more. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command
        .getErr()
        .println(
            "error: "
                + e.getMessage()
                + " (see '"
                + command.getCommandSpec().qualifiedName()
                + " --help')");
    return ExitCodes.USAGE;
  }

  /** A failure while running: one line for the problems users can act on. */
  private static int failure(
      Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
    var err = command.getErr();
    if (e instanceof CliException cli) {
      err.println("error: " + cli.getMessage());
      return cli.exitCode();
    }
    if (e instanceof StoreException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.STORE;
    }
    if (e instanceof ConflictException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFLICT;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return ExitCodes.PROBLEM;
    }
    if (JsonStderr.installed()) {
      org.slf4j.LoggerFactory.getLogger(Daybreak.class).error("daybreak failed unexpectedly", e);
      return ExitCodes.PROBLEM;
    }
    throw new IllegalStateException("daybreak failed unexpectedly: " + e, e);
  }

  /** Creates commands, handing the context to those that take it. */
  private static final class ContextFactory implements CommandLine.IFactory {
    private final CliContext context;

    ContextFactory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
        constructor.setAccessible(true);
        return constructor.newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
