package dev.daybreak.ratelimit;

/**
 * Amazon ECS's API throttling buckets that daybreak's calls fall in, per account and region (<a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html">request
 * throttling for the Amazon ECS API</a>). The simulator enforces them; the gateway paces itself
 * inside them.
 */
public final class EcsQuotas {

  /** Service read actions (DescribeServices, ListServices): burst 100, sustained 20 a second. */
  public static final RateLimit SERVICE_READS = new RateLimit(100, 20);

  /** Task read actions (DescribeTasks, ListTasks): burst 100, sustained 20 a second. */
  public static final RateLimit TASK_READS = new RateLimit(100, 20);

  /**
   * Task definition read actions (DescribeTaskDefinition): burst 100, sustained 20 a second, as the
   * service and task reads. Daybreak reads each revision once (cached by ARN: a revision never
   * changes), so its calls stay far below this.
   */
  public static final RateLimit TASK_DEFINITION_READS = new RateLimit(100, 20);

  /** DescribeTasks accepts at most this many tasks per call. */
  public static final int DESCRIBE_TASKS_MAX = 100;

  /** UpdateService: burst 50, sustained 5 a second. */
  public static final RateLimit UPDATE_SERVICE = new RateLimit(50, 5);

  /** DescribeServices accepts at most this many services per call. */
  public static final int DESCRIBE_SERVICES_MAX = 10;

  private EcsQuotas() {}
}
