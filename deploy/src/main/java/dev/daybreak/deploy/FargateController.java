package dev.daybreak.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The controller as an ECS Fargate service: two ARM64 replicas (they share environments through
 * leases in the table, so one can stop without the other stopping work), in a VPC of their own with
 * public subnets only (no NAT gateway to pay for) and no inbound traffic.
 */
final class FargateController {
  /** Two replicas: one may be replaced while the other holds the leases. */
  static final int REPLICAS = 2;

  /**
   * A dry run's leases are its own, in memory, so two replicas would each plan (and announce) every
   * environment: it runs alone.
   */
  static final int DRY_RUN_REPLICAS = 1;

  /** The smallest Fargate size, enough for the controller's JVM. */
  static final int CPU_UNITS = 256;

  static final int MEMORY_MIB = 512;

  /** The controller's health endpoint port ({@code daybreak run --http-port}). */
  static final int HTTP_PORT = 8080;

  /**
   * The shards the replicas share ({@code daybreak run --shards}): one per replica, so each does
   * half the work, and one replica takes both shards' leases when the other is gone.
   */
  static final int SHARDS = REPLICAS;

  /**
   * Where {@code -c calendars} tells the controller its calendars are in the image: the image must
   * hold them there (deploy/README.md shows Jib's extra directory for it).
   */
  static final String CALENDARS_DIRECTORY = "/etc/daybreak/calendars";

  // ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPOSITORY[:TAG|@DIGEST]
  private static final Pattern ECR_IMAGE =
      Pattern.compile(
          "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/([^:@]+)"
              + "(?::([^@]+)|@(sha256:[0-9a-f]{64}))?");

  private FargateController() {}

  static void create(
      Construct scope,
      String image,
      Map<String, String> environment,
      List<PolicyStatement> permissions,
      Monitoring monitoring,
      boolean dryRun) {
    Vpc vpc =
        Vpc.Builder.create(scope, "Vpc")
            .maxAzs(2)
            .natGateways(0)
            .subnetConfiguration(
                List.of(
                    SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .build()))
            .build();
    Cluster cluster =
        Cluster.Builder.create(scope, "Cluster").vpc(vpc).containerInsights(false).build();

    FargateTaskDefinition task =
        FargateTaskDefinition.Builder.create(scope, "Task")
            .cpu(CPU_UNITS)
            .memoryLimitMiB(MEMORY_MIB)
            .runtimePlatform(
                RuntimePlatform.builder()
                    .cpuArchitecture(CpuArchitecture.ARM64)
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    .build())
            .build();
    permissions.forEach(task::addToTaskRolePolicy);
    task.addContainer(
        "controller",
        ContainerDefinitionOptions.builder()
            .image(containerImage(scope, image))
            // Every setting comes from the environment (dev.daybreak.config.Setting's variables).
            .command(List.of("run"))
            .environment(environment)
            .logging(
                LogDriver.awsLogs(
                    AwsLogDriverProps.builder()
                        .logGroup(monitoring.logGroup())
                        .streamPrefix("controller")
                        .build()))
            .build());

    SecurityGroup noInbound =
        SecurityGroup.Builder.create(scope, "ControllerSecurityGroup")
            .vpc(vpc)
            .description("daybreak controller: no inbound traffic; AWS APIs and Slack outbound")
            .allowAllOutbound(true)
            .build();
    FargateService.Builder.create(scope, "Service")
        .cluster(cluster)
        .taskDefinition(task)
        .desiredCount(dryRun ? DRY_RUN_REPLICAS : REPLICAS)
        .minHealthyPercent(50)
        .maxHealthyPercent(200)
        .assignPublicIp(true)
        .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
        .securityGroups(List.of(noInbound))
        .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
        .build();
  }

  /**
   * An image in ECR is pulled with the task execution role (CDK grants the pull on the repository;
   * {@code ecr:GetAuthorizationToken} is account-wide by AWS's design, so it needs {@code Resource:
   * "*"}); any other registry is pulled anonymously.
   */
  static ContainerImage containerImage(Construct scope, String image) {
    Matcher ecr = ECR_IMAGE.matcher(image);
    if (!ecr.matches()) {
      return ContainerImage.fromRegistry(image);
    }
    String partition = ecr.group(3) == null ? "aws" : "aws-cn";
    String name = ecr.group(4);
    String arn =
        "arn:" + partition + ":ecr:" + ecr.group(2) + ":" + ecr.group(1) + ":repository/" + name;
    String tagOrDigest =
        ecr.group(6) != null ? ecr.group(6) : ecr.group(5) != null ? ecr.group(5) : "latest";
    return ContainerImage.fromEcrRepository(
        Repository.fromRepositoryAttributes(
            scope,
            "ImageRepository",
            RepositoryAttributes.builder().repositoryArn(arn).repositoryName(name).build()),
        tagOrDigest);
  }
}
