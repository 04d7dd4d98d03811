package dev.daybreak.chatops;

import dev.daybreak.desired.DesiredWriter;
import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Durations;
import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.State;
import dev.daybreak.slack.SlackButtons;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.Via;
import dev.daybreak.time.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each chat command and button does: look the environment up, check who asks and what they
 * typed, write the desired state through {@link DesiredWriter} (as the CLI does) with {@link
 * Via#SLACK}, queue a reconcile pass, and say what happened. A refused or invalid request writes
 * nothing.
 */
public final class Commands {

  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

  private final StateStore store;
  private final ChatOpsSettings settings;
  private final Clock clock;
  private final Consumer<String> trigger;
  private final SelectedCommands selected;

  /**
   * @param trigger queues a reconcile pass for an environment right after a write
   */
  public Commands(
      StateStore store, ChatOpsSettings settings, Clock clock, Consumer<String> trigger) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.trigger = trigger;
    this.selected = new SelectedCommands(this, store, settings);
  }

  /** Runs a parsed command for {@code caller}; {@code typed} is kept as the audit's reason. */
  Reply run(ChatCommand command, Caller caller, String typed) {
    try {
      if (command instanceof ChatCommand.Status status) {
        return status(status.environment());
      }
      if (command instanceof ChatCommand.Wake wake) {
        return wake(wake, caller, typed);
      }
      if (command instanceof ChatCommand.Sleep sleep) {
        return sleep(sleep, caller, typed);
      }
      if (command instanceof ChatCommand.Selected bulk) {
        return selected.run(bulk, caller, typed, clock.instant());
      }
      return Reply.ephemeral(CommandParser.USAGE);
    } catch (UsageException e) {
      return Reply.usage(e.getMessage());
    } catch (Refused e) {
      return Reply.ephemeral(":no_entry: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("chat command '{}' from {} failed", typed, caller.userId(), e);
      return Reply.ephemeral(
          ":x: `"
              + Untrusted.echo(typed)
              + "` failed: "
              + Untrusted.echo(String.valueOf(e.getMessage()))
              + ". Nothing may have been changed.");
    }
  }

  /** The "Wake" button: wake everything for the default length. */
  Reply wakeButton(Caller caller, String environment) {
    return run(
        new ChatCommand.Wake(environment, Optional.empty(), List.of()),
        caller,
        "button: Wake " + environment);
  }

  /** The "Sleep now" button. */
  Reply sleepNow(Caller caller, String environment) {
    return run(
        new ChatCommand.Sleep(environment, Optional.empty()),
        caller,
        "button: Sleep now " + environment);
  }

  /** The "Keep awake +2h" button: two more hours from the current end of the wake (or now). */
  Reply keepAwake(Caller caller, String environment) {
    String typed = "button: Keep awake +2h " + environment;
    try {
      StoredEnvironment env = lookUp(environment);
      mayChange(env, caller);
      Instant now = clock.instant();
      Instant from = now;
      Set<String> services = Set.of();
      if (env.desired() instanceof DesiredRead.Valid valid
          && valid.stored().desired().state() == State.AWAKE) {
        DesiredState current = valid.stored().desired();
        from = current.until().filter(u -> u.isAfter(now)).orElse(now);
        services = current.services();
      }
      Instant until = from.plus(ChatOps.KEEP_AWAKE);
      return awake(env, caller, typed, until, services, now);
    } catch (UsageException e) {
      return Reply.usage(e.getMessage());
    } catch (Refused e) {
      return Reply.ephemeral(":no_entry: " + e.getMessage());
    }
  }

  private Reply wake(ChatCommand.Wake wake, Caller caller, String typed) {
    StoredEnvironment env = lookUp(wake.environment());
    mayChange(env, caller);
    DesiredWriter.unknownService(env, wake.services())
        .ifPresent(
            unknown -> {
              throw new UsageException(
                  "unknown service '"
                      + Untrusted.echo(unknown)
                      + "': environment `"
                      + env.name()
                      + "` has "
                      + String.join(", ", DesiredWriter.declared(env)));
            });
    Instant now = clock.instant();
    AccessSpec access = env.spec().spec().access();
    Instant until =
        wake.length()
            .map(length -> end(length, zone(env), now))
            .orElseGet(() -> now.plus(min(ChatOps.DEFAULT_WAKE, access.maxWake())));
    return awake(env, caller, typed, until, DesiredWriter.normalized(wake.services()), now);
  }

  private Reply awake(
      StoredEnvironment env,
      Caller caller,
      String typed,
      Instant until,
      Set<String> services,
      Instant now) {
    Duration maxWake = env.spec().spec().access().maxWake();
    if (Duration.between(now, until).compareTo(maxWake) > 0) {
      throw new UsageException(
          "`"
              + env.name()
              + "` may stay awake for at most "
              + Durations.age(maxWake)
              + " from now (its `spec.access.maxWake`), that is until "
              + Times.show(now.plus(maxWake), zone(env))
              + "; asked until "
              + Times.show(until, zone(env)));
    }
    DesiredState desired =
        new DesiredState(
            State.AWAKE, Optional.of(until), services, caller.requestedBy(), typed, now);
    StoredDesired stored = write(env.name(), desired);
    String what =
        services.isEmpty()
            ? ""
            : " ("
                + String.join(", ", services.stream().sorted().toList())
                + " and what they need)";
    return Reply.inChannel(
            ":sunrise: <@"
                + caller.userId()
                + "> woke `"
                + env.name()
                + "`"
                + what
                + " until "
                + Times.show(until, zone(env))
                + " (version "
                + stored.version()
                + ")."
                + progressNote(env))
        .with(List.of(SlackButtons.actionsFor(env.name())))
        .watching(env.name(), State.AWAKE);
  }

  private Reply sleep(ChatCommand.Sleep sleep, Caller caller, String typed) {
    StoredEnvironment env = lookUp(sleep.environment());
    mayChange(env, caller);
    Instant now = clock.instant();
    Optional<Instant> until = sleep.duration().map(now::plus);
    DesiredState desired =
        new DesiredState(State.ASLEEP, until, Set.of(), caller.requestedBy(), typed, now);
    StoredDesired stored = write(env.name(), desired);
    return Reply.inChannel(
            ":crescent_moon: <@"
                + caller.userId()
                + "> put `"
                + env.name()
                + "` to sleep"
                + until.map(u -> " until " + Times.show(u, zone(env))).orElse("")
                + " (version "
                + stored.version()
                + ")."
                + progressNote(env))
        .with(List.of(SlackButtons.actionsFor(env.name())))
        .watching(env.name(), State.ASLEEP);
  }

  private Reply status(Optional<String> environment) {
    if (environment.isPresent()) {
      StoredEnvironment env = lookUp(environment.get());
      return Reply.ephemeral(StatusText.of(env, zone(env)))
          .with(List.of(SlackButtons.actionsFor(env.name())));
    }
    List<String> names = store.environments();
    if (names.isEmpty()) {
      return Reply.ephemeral("No environments yet: apply a manifest with `daybreak apply -f`.");
    }
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      store
          .environment(name)
          .ifPresent(env -> text.append(StatusText.line(env, zone(env))).append('\n'));
    }
    return Reply.ephemeral(text.toString().strip());
  }

  /** Writes a desired item from Slack, logs it and queues a pass. */
  StoredDesired write(String environment, DesiredState desired) {
    StoredDesired stored =
        DesiredWriter.write(
            store,
            environment,
            desired,
            Via.SLACK,
            reason ->
                LOG.info("replacing a malformed desired item of {}: {}", environment, reason));
    LOG.info(
        "{} set {} desired {} (version {})",
        desired.requestedBy(),
        environment,
        desired.state(),
        stored.version());
    trigger.accept(environment);
    return stored;
  }

  /**
   * The environment named exactly {@code name}. A name no manifest could have (a look-alike with a
   * Cyrillic letter, full-width letters, an invisible joiner, markup) is refused before the store
   * is asked, naming the characters that make it so.
   */
  private StoredEnvironment lookUp(String name) {
    Optional<String> invalid = Untrusted.notAnEnvironmentName(name);
    Optional<StoredEnvironment> found =
        invalid.isPresent() ? Optional.empty() : store.environment(name);
    return found.orElseThrow(
        () -> {
          List<String> known = store.environments();
          return new UsageException(
              "unknown environment '"
                  + Untrusted.echo(name)
                  + "': "
                  + invalid
                      .map(
                          why ->
                              why
                                  + ", but environment names have only lowercase ASCII letters,"
                                  + " digits and '-' (at most 63, starting and ending with a"
                                  + " letter or digit); ")
                      .orElse("")
                  + (known.isEmpty()
                      ? "none has been applied yet"
                      : "expected one of " + String.join(", ", known)));
        });
  }

  /**
   * Refuses unless {@code caller} may change {@code env} and the controller acts on its cluster (a
   * desired state it would never carry out is not written).
   */
  private void mayChange(StoredEnvironment env, Caller caller) {
    authorize(env, caller);
    String cluster = env.spec().spec().cluster();
    if (!settings.clusters().allows(env.spec().spec())) {
      LOG.info(
          "refused {} on {}: cluster {} is not in the allowlist",
          caller.userId(),
          env.name(),
          cluster);
      throw new Refused(
          "`" + env.name() + "`: " + settings.clusters().refusal(cluster, "nothing was written"));
    }
  }

  private void authorize(StoredEnvironment env, Caller caller) {
    Optional<String> refusal =
        Access.refusal(env.name(), env.spec().spec().access(), settings, caller);
    if (refusal.isPresent()) {
      LOG.warn("refused {} on {}: not in its Slack allowlist", caller.userId(), env.name());
      throw new Refused(refusal.get());
    }
  }

  /** When a {@code for}/{@code until} ends, read in {@code zone}. */
  Instant end(ChatCommand.Length length, ZoneId zone, Instant now) {
    if (length instanceof ChatCommand.Length.For f) {
      return now.plus(f.duration());
    }
    String text = ((ChatCommand.Length.Until) length).text();
    return Times.until(text, clock, zone)
        .orElseThrow(
            () ->
                new UsageException(
                    "bad time '" + Untrusted.echo(text) + "': expected " + Times.UNTIL_EXPECTED));
  }

  /** The environment's schedule zone, or the configured one. */
  ZoneId zone(StoredEnvironment env) {
    return env.spec().spec().schedule().map(ScheduleSpec::timeZone).orElse(settings.zone());
  }

  private static String progressNote(StoredEnvironment env) {
    return env.spec()
        .spec()
        .notifications()
        .slackChannel()
        .map(channel -> " Progress follows in the notification thread in " + channel + ".")
        .orElse("");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The caller may not change the environment; the message says who may. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }
}
