package dev.daybreak.cli;

/**
 * A root command that declares the store options ({@link StoreFlags}): {@code daybreak} itself,
 * whose subcommands inherit them, and the Lambda handler's settings, which have no parent command.
 * {@link StoreOptions} reads the options from whichever root its command has.
 */
interface StoreRoot {

  /** The store options this root declares. */
  StoreFlags storeFlags();
}
