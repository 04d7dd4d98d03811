package dev.daybreak.ecssim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The calls the simulator received, oldest first, bounded; its owner synchronizes. */
final class CallLog {

  private final int limit;
  private final Deque<CallRecord> calls = new ArrayDeque<>();
  private long dropped;

  CallLog(int limit) {
    this.limit = limit;
  }

  void add(CallRecord call) {
    calls.addLast(call);
    while (calls.size() > limit) {
      calls.removeFirst();
      dropped++;
    }
  }

  List<CallRecord> snapshot() {
    return List.copyOf(calls);
  }

  long dropped() {
    return dropped;
  }

  void clear() {
    calls.clear();
    dropped = 0;
  }
}
