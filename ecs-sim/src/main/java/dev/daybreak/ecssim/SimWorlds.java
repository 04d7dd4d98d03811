package dev.daybreak.ecssim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several simulated accounts and regions behind one port, and the STS that moves between them. Each
 * (account, region) is an {@link EcsSimulator} of its own, with its own clusters and its own ECS
 * throttling buckets: ECS's quotas are per account and region (<a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html">request
 * throttling</a>). A call goes to the world of its credentials' account (the account whose role
 * issued its access key, else the home account) in its SigV4 credential scope's region.
 *
 * <p>{@link #assumeRole} answers as STS's AssumeRole does (<a
 * href="https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html">STS API
 * reference</a>): temporary credentials ({@code ASIA...} access key, secret, session token,
 * expiration) for a configured role whose trust the caller meets (its account, and the external id
 * when the role requires one), else {@code AccessDenied}; a session name outside {@code
 * [\w+=,.@-]{2,64}} or a duration outside 900..43200 s is a {@code ValidationError}. Thread-safe.
 */
public final class SimWorlds {

  /**
   * A role the STS stand-in lets callers assume.
   *
   * @param arn the role's ARN ({@code arn:aws:iam::ACCOUNT:role/NAME}), whose account it acts in
   * @param trustedAccount the account whose callers its trust policy names
   * @param externalId the external id its trust policy requires, if any
   */
  public record Role(String arn, String trustedAccount, Optional<String> externalId) {

    /** The account the role is in. */
    public String account() {
      Matcher m = ROLE_ARN.matcher(arn);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "expected a role ARN (arn:aws:iam::ACCOUNT:role/NAME) but found '" + arn + "'");
      }
      return m.group(1);
    }
  }

  /**
   * Temporary credentials STS issued.
   *
   * @param accessKeyId the {@code ASIA...} key id the caller signs with
   * @param secretAccessKey its secret
   * @param sessionToken the session token
   * @param expiration when they expire
   * @param role the role assumed
   * @param sessionName the session name asked for
   * @param externalId the external id sent
   */
  public record Session(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      Instant expiration,
      Role role,
      String sessionName,
      Optional<String> externalId) {

    /** {@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}. */
    public String assumedRoleArn() {
      String name = role.arn().substring(role.arn().lastIndexOf('/') + 1);
      return "arn:aws:sts::" + role.account() + ":assumed-role/" + name + "/" + sessionName;
    }
  }

  /**
   * One request the port received, as routed.
   *
   * @param at when (the simulation's clock)
   * @param accessKeyId the access key id of its signature ({@code unsigned} when it had none)
   * @param account the account it was routed to
   * @param region the region it was routed to
   * @param service the service of its credential scope ({@code ecs}, {@code sts}, ...)
   * @param operation its X-Amz-Target or Query Action
   * @param cluster the cluster its body names, if any
   */
  public record Routed(
      Instant at,
      String accessKeyId,
      String account,
      String region,
      String service,
      String operation,
      Optional<String> cluster) {}

  /** STS refused an AssumeRole: AWS's error code, HTTP status and message. */
  public static final class StsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    StsException(String code, int status, String message) {
      super(message);
      this.code = code;
      this.status = status;
    }

    public String code() {
      return code;
    }

    public int status() {
      return status;
    }
  }

  static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Duration MIN_SESSION = Duration.ofSeconds(900);
  private static final Duration MAX_SESSION = Duration.ofHours(12);
  private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final int LOG_LIMIT = 100_000;

  private final EcsSimulator home;
  private final Clock clock;
  private final Random random;
  private final Map<String, EcsSimulator> worlds = new LinkedHashMap<>();
  private final Map<String, Role> roles = new LinkedHashMap<>();
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final List<Routed> routed = new ArrayList<>();

  /** Worlds whose home (unknown access keys, and the default region) is {@code home}. */
  public SimWorlds(EcsSimulator home, Clock clock) {
    this.home = Objects.requireNonNull(home, "home");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = new Random(home.settings().seed());
    worlds.put(key(homeAccount(), homeRegion()), home);
  }

  /** One world: {@code home} alone, on the real clock. */
  public static SimWorlds of(EcsSimulator home) {
    return new SimWorlds(home, Clock.systemUTC());
  }

  public EcsSimulator home() {
    return home;
  }

  public String homeAccount() {
    return home.settings().accountId();
  }

  public String homeRegion() {
    return home.settings().region();
  }

  /** The world of {@code account} in {@code region}, created (empty) on first use. */
  public synchronized EcsSimulator world(String account, String region) {
    return worlds.computeIfAbsent(
        key(account, region), k -> new EcsSimulator(home.settings().in(region, account), clock));
  }

  /** Every world, by {@code ACCOUNT/REGION}. */
  public synchronized Map<String, EcsSimulator> worlds() {
    return Map.copyOf(worlds);
  }

  /**
   * Lets callers of {@code role.trustedAccount()} assume {@code role}; replaces a role of the same
   * ARN.
   */
  public synchronized void addRole(Role role) {
    role.account();
    roles.put(role.arn(), role);
  }

  /** The account an access key belongs to: its session's role's, else the home account. */
  public synchronized String accountOf(String accessKeyId) {
    Session s = sessions.get(accessKeyId);
    return s == null ? homeAccount() : s.role().account();
  }

  /**
   * AssumeRole by the holder of {@code callerKey}.
   *
   * @throws StsException as STS answers: AccessDenied (403) for a role that is not configured,
   *     whose trust does not name the caller's account, or whose external id differs;
   *     ValidationError (400) for a bad session name, external id or duration
   */
  public synchronized Session assumeRole(
      String callerKey,
      String roleArn,
      String sessionName,
      Optional<String> externalId,
      Optional<Duration> duration) {
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw new StsException(
          "ValidationError",
          400,
          "1 validation error detected: Value '"
              + sessionName
              + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\w+=,.@-]*");
    }
    if (externalId.isPresent() && !EXTERNAL_ID.matcher(externalId.get()).matches()) {
      throw new StsException(
          "ValidationError",
          400,
          "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member"
              + " must satisfy regular expression pattern: [\\w+=,.@:/-]*");
    }
    Duration length = duration.orElse(Duration.ofHours(1));
    if (length.compareTo(MIN_SESSION) < 0 || length.compareTo(MAX_SESSION) > 0) {
      throw new StsException(
          "ValidationError",
          400,
          "The requested DurationSeconds exceeds the allowed range (900 to 43200 seconds).");
    }
    String callerAccount = accountOf(callerKey);
    Role role = roles.get(roleArn);
    if (role == null
        || !role.trustedAccount().equals(callerAccount)
        || !role.externalId().equals(externalId)) {
      throw new StsException(
          "AccessDenied",
          403,
          "User: "
              + callerArn(callerKey)
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + roleArn);
    }
    Session session =
        new Session(
            "ASIA" + randomKey(16),
            randomKey(40),
            randomKey(64),
            clock.instant().plus(length),
            role,
            sessionName,
            externalId);
    sessions.put(session.accessKeyId(), session);
    return session;
  }

  /** The sessions issued, oldest first. */
  public synchronized List<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  /**
   * The world a call signed with {@code accessKeyId} in {@code region} goes to (home when either is
   * absent), recording it.
   */
  public synchronized EcsSimulator route(
      Optional<String> accessKeyId,
      Optional<String> region,
      String service,
      String operation,
      Optional<String> cluster) {
    String account = accessKeyId.map(this::accountOf).orElse(homeAccount());
    String place = region.orElse(homeRegion());
    if (routed.size() < LOG_LIMIT) {
      routed.add(
          new Routed(
              clock.instant(),
              accessKeyId.orElse("unsigned"),
              account,
              place,
              service,
              operation,
              cluster));
    }
    return world(account, place);
  }

  /** Every request routed, oldest first (at most 100,000). */
  public synchronized List<Routed> routed() {
    return List.copyOf(routed);
  }

  private String callerArn(String callerKey) {
    Session s = sessions.get(callerKey);
    return s != null ? s.assumedRoleArn() : "arn:aws:iam::" + homeAccount() + ":user/" + callerKey;
  }

  private String randomKey(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
    }
    return out.toString();
  }

  private static String key(String account, String region) {
    return account + "/" + region;
  }
}
