package dev.daybreak.ecssim;

/** The exceptions ECS answers with, by their wire name ({@code __type}), and HTTP status. */
public enum EcsError {
  /** The cluster named in the request does not exist. */
  ClusterNotFoundException(400),
  /** The service named in the request does not exist in the cluster. */
  ServiceNotFoundException(400),
  /** The service exists but is DRAINING or INACTIVE. */
  ServiceNotActiveException(400),
  /** A parameter is missing, malformed or out of range. */
  InvalidParameterException(400),
  /** The call is valid but refused in the current state (ECS's generic client error). */
  ClientException(400),
  /** The resource named by an ARN (tagging) does not exist. */
  ResourceNotFoundException(400),
  /** The account's token bucket for this operation is empty ("Rate exceeded"). */
  ThrottlingException(400),
  /** ECS failed internally; retryable. */
  ServerException(500),
  /** The X-Amz-Target names no operation the simulator knows. */
  UnknownOperationException(400),
  /** The request body is not the JSON the operation expects. */
  SerializationException(400),
  /**
   * Elastic Load Balancing v2 (served on the same port): the target group does not exist (its Query
   * protocol error code).
   */
  TargetGroupNotFound(400);

  private final int httpStatus;

  EcsError(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status ECS answers this error with. */
  public int httpStatus() {
    return httpStatus;
  }
}
