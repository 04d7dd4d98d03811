package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormBodyTest {

  private static final Optional<String> FORM = Optional.of(FormBody.FORM);
  private static final String COMMAND =
      "token=x&team_id=T1&user_id=U2&command=%2Fdaybreak&text=wake+seed+for+2h";

  @Test
  void problem_slashCommandAsSlackSendsIt_isNone() {
    assertThat(problem(FORM, COMMAND)).isEmpty();
    assertThat(problem(Optional.of("application/x-www-form-urlencoded; charset=utf-8"), COMMAND))
        .isEmpty();
    assertThat(problem(FORM, "payload=%7B%22type%22%3A%22block_actions%22%7D")).isEmpty();
  }

  @Test
  void problem_badPercentEscapes_areNamedWithTheirField() {
    assertThat(problem(FORM, COMMAND + "&note=%ZZ"))
        .contains(
            "the body is not valid application/x-www-form-urlencoded: bad percent-escape '%ZZ'"
                + " in field 'note'; a '%' must be followed by two hex digits");
    assertThat(problem(FORM, COMMAND + "&note=%4")).get().asString().contains("'%4'");
    assertThat(problem(FORM, COMMAND + "&note=%\uff11\uff12"))
        .get()
        .asString()
        .contains("bad percent-escape");
    assertThat(problem(FORM, COMMAND + "&note=%C3%28"))
        .get()
        .asString()
        .contains("percent-escapes that are not UTF-8");
  }

  @Test
  void problem_repeatedField_isRefused_ratherThanLettingTheParserPickOne() {
    assertThat(problem(FORM, "text=status+seed&" + COMMAND))
        .contains("form field 'text' appears 2 times; Slack sends each field once");
  }

  @Test
  void problem_otherContentTypes_nameTheOneExpected() {
    assertThat(problem(Optional.of("application/json"), "{\"text\":\"wake seed\"}"))
        .contains(
            "expected Content-Type application/x-www-form-urlencoded (a slash command or an"
                + " interactive payload, as Slack sends them), got 'application/json'");
    assertThat(problem(Optional.empty(), COMMAND)).get().asString().endsWith("got none");
  }

  @Test
  void problem_payloadThatIsNotAJsonObject_isRefused() {
    assertThat(problem(FORM, "payload=%7B%22type%22%3A"))
        .get()
        .asString()
        .startsWith("the interactive payload is not valid JSON: ");
    assertThat(problem(FORM, "payload=%5B1%5D"))
        .contains("the interactive payload is not a JSON object");
  }

  @Test
  void problem_bodyNotUtf8_isRefused() {
    byte[] body = {'t', 'e', 'x', 't', '=', (byte) 0xC3, (byte) 0x28};
    assertThat(FormBody.problem(FORM, body)).contains("the body is not UTF-8");
  }

  private static Optional<String> problem(Optional<String> contentType, String body) {
    return FormBody.problem(contentType, body.getBytes(StandardCharsets.UTF_8));
  }
}
