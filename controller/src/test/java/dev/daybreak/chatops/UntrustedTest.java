package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTest {

  @Test
  void echo_mentionsAndLinks_areEscapedAsSlackAsks_soNothingNotifiesOrLinks() {
    assertThat(Untrusted.echo("<!channel> <@U0ALICE001|alice> <https://evil.example|seed> a&b"))
        .isEqualTo(
            "&lt;!channel&gt; &lt;@U0ALICE001|alice&gt; &lt;https://evil.example|seed&gt; a&amp;b");
  }

  @Test
  void echo_backticks_cannotEndACodeSpan() {
    assertThat(Untrusted.echo("seed`<!here>`")).isEqualTo("seed\u02cb&lt;!here&gt;\u02cb");
  }

  @Test
  void echo_invisibleCharacters_areSpelledOut() {
    assertThat(Untrusted.echo("se\u200ded\u0007\u001b[31m\u202e\u00a0\n"))
        .isEqualTo("se[U+200D]ed[U+0007][U+001B][31m[U+202E][U+00A0][U+000A]");
  }

  @Test
  void echo_visibleLettersOfAnyScript_areKeptAsTheyAre() {
    assertThat(Untrusted.echo("s\u0435\u0435d \uff53\uff45\uff45\uff44 café"))
        .isEqualTo("s\u0435\u0435d \uff53\uff45\uff45\uff44 café");
  }

  @Test
  void echo_longText_isCutSayingHowMuchWasLeftOut() {
    String echoed = Untrusted.echo("x".repeat(Untrusted.MAX_ECHO + 20));

    assertThat(echoed).isEqualTo("x".repeat(Untrusted.MAX_ECHO) + "… (20 more)");
    assertThat(Untrusted.inert("x".repeat(Untrusted.MAX_ECHO + 20)))
        .hasSize(Untrusted.MAX_ECHO + 20);
  }

  @Test
  void fromSlack_undoesSlacksEscaping_soTheEchoIsEscapedOnce() {
    String typed = Untrusted.fromSlack("wake seed &lt;!channel&gt; &amp;lt;");

    assertThat(typed).isEqualTo("wake seed <!channel> &lt;");
    assertThat(Untrusted.echo(typed)).isEqualTo("wake seed &lt;!channel&gt; &amp;lt;");
  }

  @Test
  void notAnEnvironmentName_lookAlikes_nameTheForeignCharacters() {
    assertThat(Untrusted.notAnEnvironmentName("s\u0435\u0435d"))
        .contains("it has U+0435 CYRILLIC SMALL LETTER IE");
    assertThat(Untrusted.notAnEnvironmentName("\uff53\uff45\uff45\uff44"))
        .contains(
            "it has U+FF53 FULLWIDTH LATIN SMALL LETTER S, U+FF45 FULLWIDTH LATIN SMALL LETTER E,"
                + " U+FF44 FULLWIDTH LATIN SMALL LETTER D");
    assertThat(Untrusted.notAnEnvironmentName("se\u200ded"))
        .contains("it has U+200D ZERO WIDTH JOINER");
    assertThat(Untrusted.notAnEnvironmentName("<@U1|a>"))
        .hasValueSatisfying(
            why ->
                assertThat(why).startsWith("it has U+003C LESS-THAN SIGN").endsWith(" and more"));
  }

  @Test
  void notAnEnvironmentName_validNames_pass_andBadShapesAreNamed() {
    assertThat(Untrusted.notAnEnvironmentName("seed")).isEmpty();
    assertThat(Untrusted.notAnEnvironmentName("shop-dev-2")).isEmpty();
    assertThat(Untrusted.notAnEnvironmentName("-seed")).contains("it starts or ends with '-'");
    assertThat(Untrusted.notAnEnvironmentName("a".repeat(64))).contains("it is 64 characters long");
  }
}
