package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.slack.SlackSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

class SlackOptionsTest {

  @Command(name = "run")
  static final class RunLike {
    @Mixin SlackOptions slack;
  }

  private static SlackSettings parse(String... args) {
    RunLike command = new RunLike();
    new CommandLine(command).parseArgs(args);
    return command.slack.settings();
  }

  @Test
  void settings_noOptions_useSlackWithoutADefaultChannel() {
    SlackSettings settings = parse();

    assertThat(settings.apiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
    assertThat(settings.defaultChannel()).isEmpty();
  }

  @Test
  void settings_mockUrlWithoutTrailingSlash_getsTheSlashTheSdkNeeds() {
    SlackSettings settings =
        parse("--slack-api-url", "http://127.0.0.1:8089/api", "--slack-channel", "dev-envs");

    assertThat(settings.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/api/"));
    assertThat(settings.defaultChannel()).contains("dev-envs");
  }

  @Test
  void parse_nonHttpUrl_isRejectedNamingTheOptionAndWhatIsValid() {
    assertThatThrownBy(() -> parse("--slack-api-url", "ftp://example/api"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--slack-api-url")
        .hasMessageContaining("ftp://example/api")
        .hasMessageContaining("http://127.0.0.1:8080/api/");
  }
}
