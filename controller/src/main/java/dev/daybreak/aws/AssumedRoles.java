package dev.daybreak.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * The roles the controller assumes ({@code sts:AssumeRole}) to act in other accounts: one
 * credentials provider per (role, external id, region), built once and reused by every client of
 * that target. Each is the AWS SDK's {@link StsAssumeRoleCredentialsProvider}: it caches the
 * session's credentials and refreshes them {@link #PREFETCH} before they expire (callers keep using
 * the old ones meanwhile), and blocks only within {@link #STALE} of expiry. Owns its STS clients
 * and providers: {@link #close()} it.
 */
public final class AssumedRoles implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AssumedRoles.class);

  /** The session length asked for: STS's default and the role's default maximum (1 hour). */
  public static final Duration SESSION = Duration.ofHours(1);

  /** How long before expiry a refresh starts (the SDK's default). */
  public static final Duration PREFETCH = Duration.ofMinutes(5);

  /** How long before expiry a caller waits for the refresh (the SDK's default). */
  public static final Duration STALE = Duration.ofMinutes(1);

  /** What STS allows in a role session name ({@code [\w+=,.@-]{2,64}}). */
  private static final int MAX_SESSION_NAME = 64;

  private record Key(String roleArn, Optional<String> externalId, String region) {}

  private final Function<String, StsClient> stsClients;
  private final Map<String, StsClient> sts = new ConcurrentHashMap<>();
  private final Map<Key, StsAssumeRoleCredentialsProvider> providers = new ConcurrentHashMap<>();

  /**
   * @param stsClients builds the STS client of a region, signed with the controller's own
   *     credentials
   */
  public AssumedRoles(Function<String, StsClient> stsClients) {
    this.stsClients = Objects.requireNonNull(stsClients, "stsClients");
  }

  /**
   * The credentials of {@code roleArn} in {@code region}: the provider of the first environment
   * that needed it (whose name the session carries, {@code daybreak-ENVIRONMENT}), shared by every
   * later one.
   */
  public StsAssumeRoleCredentialsProvider provider(
      String roleArn, Optional<String> externalId, String region, String environment) {
    return providers.computeIfAbsent(
        new Key(roleArn, externalId, region),
        k -> {
          AssumeRoleRequest.Builder request =
              AssumeRoleRequest.builder()
                  .roleArn(roleArn)
                  .roleSessionName(sessionName(environment))
                  .durationSeconds((int) SESSION.toSeconds());
          externalId.ifPresent(request::externalId);
          LOG.info("assuming {} in {} for environment {}", roleArn, region, environment);
          return StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts.computeIfAbsent(region, stsClients))
              .refreshRequest(request.build())
              .prefetchTime(PREFETCH)
              .staleTime(STALE)
              .asyncCredentialUpdateEnabled(false)
              .build();
        });
  }

  /**
   * Makes sure {@code roleArn} can be assumed (the credentials are cached, so this calls STS once
   * per session).
   *
   * @throws AwsAccessException naming the role and the trust policy to check when STS refuses
   */
  public void check(
      String roleArn, Optional<String> externalId, String region, String environment) {
    try {
      provider(roleArn, externalId, region, environment).resolveCredentials();
    } catch (SdkException e) {
      throw failure(roleArn, externalId, e);
    }
  }

  /** {@code daybreak-ENVIRONMENT}, within STS's 64 characters. */
  static String sessionName(String environment) {
    String name = "daybreak-" + environment.replaceAll("[^\\w+=,.@-]", "-");
    return name.length() <= MAX_SESSION_NAME ? name : name.substring(0, MAX_SESSION_NAME);
  }

  private static AwsAccessException failure(
      String roleArn, Optional<String> externalId, SdkException e) {
    String code =
        e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
            ? Optional.ofNullable(ase.awsErrorDetails().errorCode()).orElse("Unknown")
            : "Unreachable";
    String detail =
        e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
            ? Optional.ofNullable(ase.awsErrorDetails().errorMessage()).orElse("")
            : String.valueOf(e.getMessage());
    if (code.equals("Unreachable")) {
      return new AwsAccessException(
          AwsAccessException.UNREACHABLE,
          "STS could not be reached to assume " + roleArn + ": " + detail,
          e);
    }
    return new AwsAccessException(
        AwsAccessException.ASSUME_ROLE_FAILED,
        "sts:AssumeRole of "
            + roleArn
            + " failed with "
            + code
            + ": "
            + detail
            + "; check the role's trust policy names the controller's role as principal"
            + externalId.map(id -> " with the condition sts:ExternalId = '" + id + "'").orElse("")
            + ", and that the controller's role may sts:AssumeRole it (the DaybreakTargetAccount"
            + " stack and -c targetRoles, deploy/README.md)",
        e);
  }

  @Override
  public void close() {
    providers.values().forEach(StsAssumeRoleCredentialsProvider::close);
    sts.values().forEach(StsClient::close);
  }
}
