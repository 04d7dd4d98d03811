package dev.daybreak.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CauseChainTest {

  @Test
  void of_namesEachCauseOnOneLine_andLeavesOutMessagesTheWrapperRepeats() {
    Exception failure =
        new IllegalStateException(
            "cannot reach the table: read timed out",
            new RuntimeException(
                "read timed out", new IOException("socket closed\n  by peer", null)));

    assertThat(CauseChain.of(failure))
        .isEqualTo(
            "IllegalStateException: cannot reach the table: read timed out; caused by"
                + " RuntimeException; caused by IOException: socket closed by peer");
  }

  @Test
  void of_causeCycle_endsInsteadOfLoopingForever() {
    IllegalStateException outer = new IllegalStateException("outer");
    RuntimeException inner = new RuntimeException("inner", outer);
    outer.initCause(inner);

    assertThat(CauseChain.of(outer))
        .isEqualTo("IllegalStateException: outer; caused by RuntimeException: inner");
  }

  @Test
  void of_noMessage_isTheClassName() {
    assertThat(CauseChain.of(new NullPointerException())).isEqualTo("NullPointerException");
  }
}
