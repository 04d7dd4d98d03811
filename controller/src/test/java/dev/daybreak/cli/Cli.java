package dev.daybreak.cli;

import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the CLI in-process against an in-memory store on a test clock. */
final class Cli {

  static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryStateStore store = new InMemoryStateStore(clock);
  private Pause pause = duration -> clock.advance(duration);
  private boolean terminal;
  private Confirmation confirmation = Confirmation.nobody();

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {}

  Cli pause(Pause pause) {
    this.pause = pause;
    return this;
  }

  Cli terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  /** Answers every confirmation the way {@code confirmation} does. */
  Cli confirmation(Confirmation confirmation) {
    this.confirmation = confirmation;
    return this;
  }

  CliContext context() {
    return new CliContext(
        clock, TOKYO, Optional.of(store), pause, terminal, "tester", confirmation);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Daybreak.commandLine(context());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs with {@code --store memory} appended, as the tests' store is the memory one. */
  Result memory(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--store";
    all[args.length + 1] = "memory";
    return run(all);
  }
}
