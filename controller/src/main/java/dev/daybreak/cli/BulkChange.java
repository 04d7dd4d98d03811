package dev.daybreak.cli;

import dev.daybreak.model.State;
import dev.daybreak.model.selector.LabelSelector;
import dev.daybreak.store.StoredEnvironment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code wake}/{@code sleep} of one named environment, or of every environment a label selector
 * matches. A selector's matches are listed and confirmed at the terminal (or by {@code --yes})
 * before anything is written; every argument is checked against every match first, so a mistake
 * writes nothing.
 */
final class BulkChange {

  private BulkChange() {}

  static int run(
      CommandSpec spec,
      CliContext context,
      StoreOptions storeOptions,
      Optional<String> name,
      BulkOptions bulk,
      State state,
      RequestOptions request,
      List<String> services) {
    Optional<LabelSelector> selector = bulk.selector();
    if (name.isPresent() && selector.isPresent()) {
      throw new ParameterException(
          spec.commandLine(),
          "give an environment NAME or -l SELECTOR, not both (got '"
              + name.get()
              + "' and -l '"
              + selector.get()
              + "')");
    }
    if (name.isPresent()) {
      return DesiredChange.run(spec, context, storeOptions, name.get(), state, request, services);
    }
    if (selector.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required parameter: 'NAME' (an environment), or -l SELECTOR for every"
              + " environment whose labels match (e.g. -l team=shop)");
    }
    Optional<Instant> until = request.until(context, spec);
    try (var opened = storeOptions.open(context, spec.commandLine().getErr())) {
      List<StoredEnvironment> matching = Selection.matching(opened.store(), selector.get());
      Map<String, Set<String>> wanted = new LinkedHashMap<>();
      for (StoredEnvironment environment : matching) {
        wanted.put(environment.name(), DesiredChange.checkServices(environment, services));
      }
      if (!bulk.yes) {
        confirm(context, selector.get(), state, List.copyOf(wanted.keySet()));
      }
      wanted.forEach(
          (environment, serviceSet) ->
              DesiredChange.write(
                  spec, context, opened.store(), environment, state, until, request, serviceSet));
      return ExitCodes.OK;
    }
  }

  private static void confirm(
      CliContext context, LabelSelector selector, State state, List<String> environments) {
    String doing = state == State.AWAKE ? "wake" : "put to sleep";
    String count = environments.size() + " environment" + (environments.size() == 1 ? "" : "s");
    StringBuilder question =
        new StringBuilder(count + " match" + (environments.size() == 1 ? "es" : "") + " '")
            .append(selector)
            .append("':\n");
    environments.forEach(e -> question.append("  environment/").append(e).append('\n'));
    question
        .append(state == State.AWAKE ? "Wake " : "Put ")
        .append(environments.size() == 1 ? "it" : "them all")
        .append(state == State.AWAKE ? "?" : " to sleep?");
    Optional<Boolean> answer = context.confirmation().ask(question.toString());
    if (answer.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          "refusing to "
              + doing
              + " "
              + count
              + " matching '"
              + selector
              + "' ("
              + String.join(", ", environments)
              + ") without a confirmation, and there is no terminal to ask on; add --yes to"
              + " confirm. Nothing was written");
    }
    if (!answer.get()) {
      throw new CliException(ExitCodes.PROBLEM, "not confirmed; nothing was written");
    }
  }
}
