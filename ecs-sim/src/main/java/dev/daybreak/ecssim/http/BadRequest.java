package dev.daybreak.ecssim.http;

import dev.daybreak.ecssim.EcsError;

/** A request the front end refuses before it reaches the simulator (so it logs it itself). */
final class BadRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final EcsError error;

  BadRequest(EcsError error, String message) {
    super(message);
    this.error = error;
  }

  EcsError error() {
    return error;
  }
}
