package dev.daybreak.ecssim;

/**
 * The exceptions Application Auto Scaling answers with, by their wire name ({@code __type}), and
 * HTTP status, as in botocore's model {@code application-autoscaling/2016-02-06/service-2.json}.
 */
public enum ScalingError {
  /** A parameter is missing, malformed, out of range, or names a resource that does not exist. */
  ValidationException(400),
  /** No scalable target (or policy, or scheduled action) with the given identity exists. */
  ObjectNotFoundException(400),
  /** The NextToken was not issued by this service for this request. */
  InvalidNextTokenException(400),
  /** A quota of the account would be exceeded. */
  LimitExceededException(400),
  /** Application Auto Scaling failed internally; retryable. */
  InternalServiceException(500),
  /** The X-Amz-Target names no operation the simulator knows. */
  UnknownOperationException(400),
  /** The request body is not the JSON the operation expects. */
  SerializationException(400);

  private final int httpStatus;

  ScalingError(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the service answers this error with. */
  public int httpStatus() {
    return httpStatus;
  }
}
