package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.config.Setting;
import dev.daybreak.config.Setting.Reader;
import dev.daybreak.ecs.GatewaySettings;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** Every mode reads exactly the flags {@link Setting} lists for it, each from its variable. */
class SettingsTest {

  /** Options that pick what a command does rather than configure the controller. */
  private static final Set<String> NOT_SETTINGS = Set.of("--help", "--version", "--once", "--env");

  private final Cli cli = new Cli();

  private static CommandSpec spec(Reader reader) {
    return switch (reader) {
      case RUN -> Daybreak.commandLine().getSubcommands().get("run").getCommandSpec();
      case RECONCILE -> Daybreak.commandLine().getSubcommands().get("reconcile").getCommandSpec();
      case LAMBDA -> LambdaSettings.commandLine(new LambdaSettings(), Map.of()).getCommandSpec();
    };
  }

  private static Set<String> options(Reader reader) {
    return spec(reader).options().stream()
        .map(OptionSpec::longestName)
        .filter(name -> !NOT_SETTINGS.contains(name))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void everyMode_readsExactlyTheFlagsTheListGivesIt() {
    for (Reader reader : Reader.values()) {
      Set<String> listed =
          Setting.readBy(reader).stream()
              .flatMap(s -> s.option().stream())
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(options(reader)).as("the flags of %s", reader).isEqualTo(listed);
    }
  }

  @Test
  void everyFlag_namesItsVariableInItsHelp() {
    for (Reader reader : Reader.values()) {
      for (OptionSpec option : spec(reader).options()) {
        Setting.ofOption(option.longestName())
            .ifPresent(
                setting ->
                    assertThat(String.join(" ", option.description()))
                        .as("%s's help of %s", reader, option.longestName())
                        .contains(setting.variable()));
      }
    }
  }

  @Test
  void list_namesEachVariableOnceAndSecretsNeverAsFlags() {
    List<String> variables = List.of(Setting.values()).stream().map(Setting::variable).toList();
    assertThat(variables).doesNotHaveDuplicates();
    assertThat(Setting.values())
        .filteredOn(s -> s.audience() == Setting.Audience.SECRET)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.option()).isEmpty());
  }

  @Test
  void run_takesTheSlackChannelShardsAndAllowlistsFromTheEnvironment() {
    CommandLine commandLine =
        Daybreak.commandLine(
            cli.context(),
            Map.of(
                "DAYBREAK_SLACK_CHANNEL", "#dev-environments",
                "DAYBREAK_SHARDS", "2",
                "DAYBREAK_SLACK_ALLOW_USERS", "U1,U2",
                "DAYBREAK_ZONE", "Asia/Tokyo"));
    commandLine.parseArgs("run");
    RunCommand run = commandLine.getSubcommands().get("run").getCommand();
    assertThat(run.slack.settings().defaultChannel()).contains("#dev-environments");
    assertThat(run.shards).isEqualTo(2);
    assertThat(run.chatOps.allowUsers).containsExactly("U1", "U2");
    assertThat(run.chatOps.zone).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void aFlag_winsOverItsVariable() {
    CommandLine commandLine =
        Daybreak.commandLine(cli.context(), Map.of("DAYBREAK_SLACK_CHANNEL", "#from-env"));
    commandLine.parseArgs("run", "--slack-channel", "#from-flag");
    RunCommand run = commandLine.getSubcommands().get("run").getCommand();
    assertThat(run.slack.settings().defaultChannel()).contains("#from-flag");
  }

  @Test
  void lambda_readsZoneAllowlistsAndCalendarsAsRunDoes() {
    LambdaSettings settings =
        LambdaSettings.read(
            Map.of(
                "DAYBREAK_ZONE", "Asia/Tokyo",
                "DAYBREAK_SLACK_ALLOW_USERS", "U1",
                "DAYBREAK_SLACK_ALLOW_CHANNELS", "C1,C2",
                "DAYBREAK_CLUSTERS", "dev"));
    assertThat(settings.chatOps().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(settings.chatOps().defaultUsers()).containsExactly("U1");
    assertThat(settings.chatOps().defaultChannels()).containsExactly("C1", "C2");
    assertThat(settings.chatOps().clusters().allows("dev")).isTrue();
    assertThat(settings.chatOps().clusters().allows("prod")).isFalse();
    assertThat(LambdaSettings.read(Map.of()).chatOps().zone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void lambda_aBadVariable_isAnErrorNamingIt() {
    assertThatThrownBy(() -> LambdaSettings.read(Map.of("DAYBREAK_ZONE", "Mars/Olympus")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--zone")
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> LambdaSettings.read(Map.of("DAYBREAK_ACCOUNT", "12")))
        .hasMessageContaining("DAYBREAK_ACCOUNT");
  }

  @Test
  void run_servesTheStatusPageUnlessTurnedOffByFlagOrVariable() {
    CommandLine on = Daybreak.commandLine(cli.context(), Map.of());
    on.parseArgs("run");
    assertThat(((RunCommand) on.getSubcommands().get("run").getCommand()).statusPage).isTrue();

    CommandLine flag = Daybreak.commandLine(cli.context(), Map.of());
    flag.parseArgs("run", "--status-page", "off");
    assertThat(((RunCommand) flag.getSubcommands().get("run").getCommand()).statusPage).isFalse();

    CommandLine variable =
        Daybreak.commandLine(cli.context(), Map.of("DAYBREAK_STATUS_PAGE", "off"));
    variable.parseArgs("run");
    assertThat(((RunCommand) variable.getSubcommands().get("run").getCommand()).statusPage)
        .isFalse();

    assertThatThrownBy(
            () ->
                Daybreak.commandLine(cli.context(), Map.of())
                    .parseArgs("run", "--status-page", "maybe"))
        .hasMessageContaining("expected on or off but found 'maybe'");
  }

  @Test
  void lambda_rendersTheStatusPageOnlyWhenTheStackTurnsItOn() {
    assertThat(LambdaSettings.read(Map.of()).statusPage()).isFalse();
    assertThat(LambdaSettings.read(Map.of("DAYBREAK_STATUS_PAGE", "on")).statusPage()).isTrue();
  }

  @Test
  void ecsQuotaShare_fromFlagOrVariable_scalesTheGatewaysBuckets_inEveryMode() {
    CommandLine flag = Daybreak.commandLine(cli.context(), Map.of());
    flag.parseArgs("reconcile", "--once", "--ecs-quota-share", "0.5");
    ReconcileCommand reconcile = flag.getSubcommands().get("reconcile").getCommand();
    assertThat(reconcile.ecs.gateway()).isEqualTo(GatewaySettings.withQuotaShare(0.5));

    CommandLine variable =
        Daybreak.commandLine(cli.context(), Map.of("DAYBREAK_ECS_QUOTA_SHARE", "0.75"));
    variable.parseArgs("run");
    RunCommand run = variable.getSubcommands().get("run").getCommand();
    assertThat(run.ecs.gateway().updates().perSecond()).isEqualTo(3.75);

    assertThat(LambdaSettings.read(Map.of("DAYBREAK_ECS_QUOTA_SHARE", "1")).ecs.gateway())
        .isEqualTo(GatewaySettings.withQuotaShare(1));
    CommandLine unset = Daybreak.commandLine(cli.context(), Map.of());
    unset.parseArgs("run");
    assertThat(((RunCommand) unset.getSubcommands().get("run").getCommand()).ecs.gateway())
        .isEqualTo(GatewaySettings.defaults());
  }

  @Test
  void ecsQuotaShare_outsideZeroToOne_isAnErrorNamingTheSettingAndWhatIsValid() {
    CommandLine commandLine = Daybreak.commandLine(cli.context(), Map.of());
    commandLine.parseArgs("run", "--ecs-quota-share", "1.5");
    RunCommand run = commandLine.getSubcommands().get("run").getCommand();
    assertThatThrownBy(run.ecs::gateway)
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--ecs-quota-share must be above 0 and at most 1")
        .hasMessageContaining("'1.5'");

    assertThatThrownBy(() -> LambdaSettings.read(Map.of("DAYBREAK_ECS_QUOTA_SHARE", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the function's environment")
        .hasMessageContaining("--ecs-quota-share must be above 0 and at most 1");
    assertThatThrownBy(
            () ->
                Daybreak.commandLine(cli.context(), Map.of())
                    .parseArgs("run", "--ecs-quota-share", "most"))
        .hasMessageContaining("--ecs-quota-share")
        .hasMessageContaining("most");
  }

  @Test
  void ecsQuotaShare_badValue_isAUsageErrorBeforeAnythingIsOpened() {
    for (String command : List.of("run", "reconcile")) {
      Cli.Result result =
          command.equals("run")
              ? cli.memory("run", "--ecs-quota-share", "2")
              : cli.memory("reconcile", "--once", "--ecs-quota-share", "-1");

      assertThat(result.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
      assertThat(result.err())
          .as(command)
          .contains("--ecs-quota-share must be above 0 and at most 1 (such as 0.98 or 0.5)");
    }
  }
}
