package dev.daybreak.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.time.ExecutorScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {

  private static final String TOKEN = "xoxb-1234-5678-secret";

  @Test
  void botToken_toString_neverShowsTheValue() {
    BotToken token = new BotToken(TOKEN);

    assertThat(token.toString()).doesNotContain("secret").doesNotContain("xoxb");
    assertThat(String.valueOf(Optional.of(token))).doesNotContain("secret");
  }

  @Test
  void envSecretSource_variableSet_readsIt_blankMeansUnset() {
    assertThat(new EnvSecretSource(Map.of("SLACK_BOT_TOKEN", TOKEN)).botToken())
        .contains(new BotToken(TOKEN));
    assertThat(new EnvSecretSource(Map.of("SLACK_BOT_TOKEN", "  ")).botToken()).isEmpty();
    assertThat(new EnvSecretSource(Map.of()).botToken()).isEmpty();
  }

  @Test
  void envSecretSource_malformedToken_saysWhereButNotWhat() {
    EnvSecretSource source =
        new EnvSecretSource(Map.of("SLACK_BOT_TOKEN", " xoxb-secret-with-space"));

    assertThatThrownBy(source::botToken)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SLACK_BOT_TOKEN")
        .message()
        .doesNotContain("secret-with-space");
  }

  @Test
  void notifiers_noToken_fallBackToTheLog() {
    Notifier notifier =
        Notifiers.create(
            SlackSettings.defaults(),
            new EnvSecretSource(Map.of()),
            new InMemoryStateStore(Clock.systemUTC()),
            Clock.systemUTC(),
            (delay, task) -> () -> {});

    assertThat(notifier).isInstanceOf(LogNotifier.class);
  }

  @Test
  void notifiers_withToken_talkToSlack() {
    try (ExecutorScheduler scheduler = new ExecutorScheduler("test");
        Notifier notifier =
            Notifiers.create(
                SlackSettings.builder().drainTimeout(Duration.ZERO).build(),
                new EnvSecretSource(Map.of("SLACK_BOT_TOKEN", TOKEN)),
                new InMemoryStateStore(Clock.systemUTC()),
                Clock.systemUTC(),
                scheduler)) {
      assertThat(notifier).isInstanceOf(SlackNotifier.class);
    }
  }
}
