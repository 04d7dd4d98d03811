package dev.daybreak.ecs;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the ECS API is and how to sign for it.
 *
 * @param url the endpoint to use instead of the region's ECS endpoint (e.g. {@code daybreak
 *     ecs-sim}); empty for real ECS
 * @param region the region; empty for the SDK's default region provider chain ({@code AWS_REGION},
 *     profile, instance metadata)
 * @param credentials which credentials sign the calls
 * @param elbUrl the endpoint to use instead of the region's Elastic Load Balancing v2 endpoint
 *     (target health); a simulator's ECS endpoint serves it too, so it defaults to {@code url} when
 *     that is on this machine
 */
public record EcsEndpoint(
    Optional<URI> url, Optional<String> region, Credentials credentials, Optional<URI> elbUrl) {

  /** Where request signatures come from. */
  public enum Credentials {
    /** The SDK's default provider chain: environment, profile, container and instance roles. */
    DEFAULT_CHAIN,
    /** Fixed dummy keys: for simulators, which accept any signature. */
    DUMMY
  }

  public EcsEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(elbUrl, "elbUrl");
  }

  /** Real ECS in the default (or given) region, with the default credentials chain. */
  public static EcsEndpoint aws(Optional<String> region) {
    return new EcsEndpoint(Optional.empty(), region, Credentials.DEFAULT_CHAIN, Optional.empty());
  }

  /** A simulator at {@code url}, signed with dummy credentials. */
  public static EcsEndpoint simulator(URI url) {
    return new EcsEndpoint(Optional.of(url), Optional.empty(), Credentials.DUMMY, Optional.of(url));
  }

  /**
   * An endpoint given on a command line: dummy credentials when it is on this machine (a simulator:
   * real credentials are never sent to it), the default chain otherwise.
   */
  public static EcsEndpoint of(Optional<URI> url, Optional<String> region) {
    boolean local = url.map(EcsEndpoint::isLoopback).orElse(false);
    return new EcsEndpoint(
        url,
        region,
        local ? Credentials.DUMMY : Credentials.DEFAULT_CHAIN,
        local ? url : Optional.empty());
  }

  /**
   * This endpoint with Elastic Load Balancing v2 at {@code elb} instead (e.g. {@code
   * --elb-endpoint}); one on another machine than a simulator's is signed with the default chain.
   */
  public EcsEndpoint withElb(URI elb) {
    return new EcsEndpoint(url, region, credentials, Optional.of(elb));
  }

  private static boolean isLoopback(URI url) {
    String host = url.getHost();
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return isLiteralAddress(host) && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isLiteralAddress(String host) {
    return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }
}
