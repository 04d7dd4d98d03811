package dev.daybreak.iam;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * Records every AWS operation daybreak's production code issues through the AWS SDK v2 (see {@link
 * CallLog}). Registered for every client of the JVM by the SDK's global interceptor file ({@code
 * software/amazon/awssdk/global/handlers/execution.interceptors}) on the it/ test classpath only:
 * production code neither names nor loads it, and clients added later are recorded without change.
 *
 * <p>It reads the request as sent, after signing: the service is the SigV4 credential scope's
 * signing name (what AWS authorizes against), translated to the IAM prefix where the two differ.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {

  private static final Pattern SCOPE =
      Pattern.compile("Credential=([^/]+)/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

  /**
   * The access key ids AssumeRole answers gave daybreak's code: calls signed with them are the
   * target role's.
   */
  private static final Set<String> ASSUMED = ConcurrentHashMap.newKeySet();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (context.response() instanceof AssumeRoleResponse assumed && assumed.credentials() != null) {
      ASSUMED.add(assumed.credentials().accessKeyId());
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (!CallLog.enabled()) {
      return;
    }
    Optional<String> origin = CallOrigin.ofCurrentThread();
    if (origin.isEmpty()) {
      return;
    }
    Matcher scope =
        SCOPE.matcher(context.httpRequest().firstMatchingHeader("Authorization").orElse(""));
    if (!scope.find()) {
      return;
    }
    String service = iamPrefix(scope.group(3));
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    String as = ASSUMED.contains(scope.group(1)) ? AwsCall.TARGET : origin.get();
    CallLog.record(CallResources.of(service, operation, scope.group(2), context.request(), as));
  }

  /**
   * The IAM service prefix of a SigV4 signing name: the same except for CloudWatch, which signs as
   * {@code monitoring} and is authorized as {@code cloudwatch:*}.
   */
  static String iamPrefix(String signingName) {
    return signingName.equals("monitoring") ? "cloudwatch" : signingName;
  }
}
