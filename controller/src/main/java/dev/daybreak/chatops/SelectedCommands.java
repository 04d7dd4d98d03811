package dev.daybreak.chatops;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Durations;
import dev.daybreak.model.State;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.time.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /daybreak wake|sleep -l SELECTOR}: every environment whose labels match, among those the
 * caller may change (its Slack allowlist, and the controller's clusters). Environments outside them
 * are named as refused and not written. Every end time is checked against every environment's
 * {@code maxWake} before anything is written, so a mistake writes nothing.
 */
final class SelectedCommands {

  private static final Logger LOG = LoggerFactory.getLogger(SelectedCommands.class);

  /** How many of the labels in use a reply to a selector that matches nothing lists. */
  private static final int SHOWN_LABELS = 20;

  private final Commands commands;
  private final StateStore store;
  private final ChatOpsSettings settings;

  SelectedCommands(Commands commands, StateStore store, ChatOpsSettings settings) {
    this.commands = commands;
    this.store = store;
    this.settings = settings;
  }

  Reply run(ChatCommand.Selected command, Caller caller, String typed, Instant now) {
    List<StoredEnvironment> all = new ArrayList<>();
    for (String name : store.environments()) {
      store.environment(name).ifPresent(all::add);
    }
    List<StoredEnvironment> matching =
        all.stream().filter(e -> command.selector().matches(e.spec().spec().labels())).toList();
    if (matching.isEmpty()) {
      return Reply.ephemeral(nothingMatches(command, all));
    }
    Map<String, String> refused = new LinkedHashMap<>();
    Map<StoredEnvironment, Optional<Instant>> allowed = new LinkedHashMap<>();
    for (StoredEnvironment env : matching) {
      Optional<String> refusal = refusal(env, caller);
      if (refusal.isPresent()) {
        refused.put(env.name(), refusal.get());
      } else {
        allowed.put(env, until(command, env, now));
      }
    }
    String selector = "`" + Untrusted.inert(command.selector().toString()) + "`";
    if (allowed.isEmpty()) {
      LOG.warn(
          "refused {} on every environment matching {}: {}",
          caller.userId(),
          command.selector(),
          refused.keySet());
      return Reply.ephemeral(
          ":no_entry: You may change none of the "
              + matching.size()
              + " environment(s) matching "
              + selector
              + "; nothing was written."
              + refusedLines(refused));
    }
    List<String> lines = new ArrayList<>();
    allowed.forEach(
        (env, until) -> {
          DesiredState desired =
              new DesiredState(command.target(), until, Set.of(), caller.requestedBy(), typed, now);
          StoredDesired stored = commands.write(env.name(), desired);
          lines.add(
              "• `"
                  + env.name()
                  + "`"
                  + until.map(u -> " until " + Times.show(u, commands.zone(env))).orElse("")
                  + " (version "
                  + stored.version()
                  + ")");
        });
    String header =
        command.target() == State.AWAKE
            ? ":sunrise: <@" + caller.userId() + "> woke "
            : ":crescent_moon: <@" + caller.userId() + "> put ";
    return Reply.inChannel(
        header
            + allowed.size()
            + " environment(s) matching "
            + selector
            + (command.target() == State.AWAKE ? ":" : " to sleep:")
            + "\n"
            + String.join("\n", lines)
            + refusedLines(refused));
  }

  /**
   * Why the caller may not change {@code env} (its allowlist, or the clusters); empty if they may.
   */
  private Optional<String> refusal(StoredEnvironment env, Caller caller) {
    Optional<String> access =
        Access.refusal(env.name(), env.spec().spec().access(), settings, caller);
    if (access.isPresent()) {
      return Optional.of("not in your Slack allowlist");
    }
    String cluster = env.spec().spec().cluster();
    if (!settings.clusters().allows(env.spec().spec())) {
      return Optional.of("cluster `" + cluster + "` is not one this controller acts on");
    }
    return Optional.empty();
  }

  /** When the state ends; a usage error when a wake would outlast the environment's maxWake. */
  private Optional<Instant> until(
      ChatCommand.Selected command, StoredEnvironment env, Instant now) {
    Optional<Instant> until =
        command.length().map(length -> commands.end(length, commands.zone(env), now));
    if (command.target() != State.AWAKE) {
      return until;
    }
    Duration maxWake = env.spec().spec().access().maxWake();
    Instant end =
        until.orElseGet(
            () ->
                now.plus(
                    ChatOps.DEFAULT_WAKE.compareTo(maxWake) <= 0 ? ChatOps.DEFAULT_WAKE : maxWake));
    if (Duration.between(now, end).compareTo(maxWake) > 0) {
      throw new UsageException(
          "`"
              + env.name()
              + "` may stay awake for at most "
              + Durations.age(maxWake)
              + " from now (its `spec.access.maxWake`), that is until "
              + Times.show(now.plus(maxWake), commands.zone(env))
              + "; asked until "
              + Times.show(end, commands.zone(env))
              + ". Nothing was written");
    }
    return Optional.of(end);
  }

  private static String refusedLines(Map<String, String> refused) {
    if (refused.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\n:no_entry: Refused, not written:");
    refused.forEach((name, why) -> text.append("\n• `").append(name).append("`: ").append(why));
    return text.toString();
  }

  private static String nothingMatches(ChatCommand.Selected command, List<StoredEnvironment> all) {
    String selector = "`" + Untrusted.inert(command.selector().toString()) + "`";
    if (all.isEmpty()) {
      return ":grey_question: No environment matches "
          + selector
          + ": none has been applied yet. Nothing was changed.";
    }
    TreeSet<String> labels = new TreeSet<>();
    all.forEach(e -> e.spec().spec().labels().forEach((k, v) -> labels.add(k + "=" + v)));
    List<String> shown = labels.stream().limit(SHOWN_LABELS).toList();
    return ":grey_question: No environment matches "
        + selector
        + " (of "
        + all.size()
        + "; labels in use: "
        + (labels.isEmpty()
            ? "none"
            : "`"
                + String.join("`, `", shown)
                + "`"
                + (labels.size() > shown.size()
                    ? " and " + (labels.size() - shown.size()) + " more"
                    : ""))
        + "). Nothing was changed.";
  }
}
