package dev.daybreak.ecssim;

/** The lifecycle states a simulated Fargate task passes through ({@code lastStatus}). */
enum TaskStatus {
  /** Launched; ECS is finding capacity and attaching the network interface. */
  PROVISIONING,
  /** Capacity found; the image is being pulled and containers started. */
  PENDING,
  /** Every essential container runs. */
  RUNNING,
  /** Stopping: containers are being stopped and the task deprovisioned. */
  STOPPING,
  /** Gone; kept for DescribeTasks for an hour, as ECS does. */
  STOPPED
}
