package dev.daybreak.sandbox;

import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.Controller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** After the demo: a small prompt to wake and sleep the sandbox's environment by hand. */
final class Prompt {

  private final PrintStream out;
  private final SandboxApplication backends;
  private final Controller controller;
  private final EnvironmentSpec spec;
  private final LiveView view;

  Prompt(
      PrintStream out,
      SandboxApplication backends,
      Controller controller,
      EnvironmentSpec spec,
      LiveView view) {
    this.out = out;
    this.backends = backends;
    this.controller = controller;
    this.spec = spec;
    this.view = view;
  }

  void run(BufferedReader in) throws IOException {
    out.println(
        "The controller keeps running. Type: wake [SERVICE...] | sleep | status | quit."
            + " Any AWS client can reach the simulator at "
            + backends.server().endpoint());
    while (true) {
      out.print("sandbox> ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        return;
      }
      String[] words = line.trim().split("\\s+");
      switch (words[0]) {
        case "" -> {}
        case "quit", "exit" -> {
          return;
        }
        case "status" -> {
          view.start(backends.clock().instant());
          view.draw();
        }
        case "wake" ->
            flip(State.AWAKE, new LinkedHashSet<>(Arrays.asList(words).subList(1, words.length)));
        case "sleep" -> flip(State.ASLEEP, Set.of());
        default ->
            out.println(
                "unknown command '" + words[0] + "': wake [SERVICE...] | sleep | status | quit");
      }
    }
  }

  private void flip(State state, Set<String> services) {
    for (String s : services) {
      if (spec.service(s).isEmpty()) {
        out.println("no service '" + s + "' in " + spec.name());
        return;
      }
    }
    backends.setDesired(spec.name(), state, services, "from the prompt");
    controller.trigger(spec.name());
    out.println(spec.name() + " -> " + state + "; type status to see it");
  }
}
