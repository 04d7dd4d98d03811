package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesises the app once per test class into {@code target/cdk.out/<name>} (jsii's Node child
 * costs several hundred MB: never once per test), and reads the template's IAM statements.
 */
final class Synthesis {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "eu-west-1";
  static final List<String> CLUSTERS = List.of("dev", "staging");
  static final String SLACK_CHANNEL = "#dev-environments";

  /** The role of another account the controller may assume (it/'s RecordedCallsPolicyCheck). */
  static final String TARGET_ROLE = "arn:aws:iam::210987654321:role/daybreak-target";

  private Synthesis() {}

  /** The context every variant shares; callers add the mode and its own keys. */
  static Map<String, Object> context(String mode) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("mode", mode);
    context.put("clusters", String.join(",", CLUSTERS));
    context.put("controllerJar", System.getProperty("daybreak.controllerJar"));
    // Every optional setting, so the stack tests see every variable the stack can set.
    context.put("slackChannel", SLACK_CHANNEL);
    context.put("zone", "Asia/Tokyo");
    context.put("slackAllowUsers", "U0ALICE,U0BOB");
    context.put("slackAllowChannels", "C0DEVOPS");
    context.put("calendars", calendars().toString());
    context.put("targetRoles", TARGET_ROLE);
    // What the CDK CLI would look up in the account for the VPC; given, so nothing is looked up.
    context.put(
        "availability-zones:account=" + ACCOUNT + ":region=" + REGION,
        List.of(REGION + "a", REGION + "b"));
    return context;
  }

  /** A directory with one calendar of one's own, as {@code -c calendars} names it. */
  static Path calendars() {
    Path directory = Path.of(System.getProperty("daybreak.cdkOut")).resolveSibling("calendars");
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("company.yaml"), "2027-01-04: Company holiday\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return directory;
  }

  static Template synthesize(String name, Map<String, Object> context) {
    Path outdir = Path.of(System.getProperty("daybreak.cdkOut"), name);
    App app = new App(AppProps.builder().outdir(outdir.toString()).context(context).build());
    DaybreakStack stack =
        DaybreakApp.stack(
            app, Optional.of(Environment.builder().account(ACCOUNT).region(REGION).build()));
    app.synth();
    assertThat(outdir.resolve(DaybreakApp.STACK_NAME + ".template.json"))
        .satisfies(Files::isRegularFile);
    return Template.fromStack(stack);
  }

  /** Every statement of every IAM policy (AWS::IAM::Policy and roles' inline policies). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> statements(Template template) {
    List<Map<String, Object>> statements = new ArrayList<>();
    template
        .findResources("AWS::IAM::Policy")
        .values()
        .forEach(
            policy -> {
              Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
              statements.addAll(statementsOf(properties.get("PolicyDocument")));
            });
    template
        .findResources("AWS::IAM::Role")
        .values()
        .forEach(
            role -> {
              Map<String, Object> properties = (Map<String, Object>) role.get("Properties");
              Object policies = properties.get("Policies");
              if (policies instanceof List<?> list) {
                list.forEach(
                    p ->
                        statements.addAll(
                            statementsOf(((Map<String, Object>) p).get("PolicyDocument"))));
              }
            });
    return statements;
  }

  /** The statements of the policies attached to the role whose logical id starts with a prefix. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> statementsOfRole(Template template, String rolePrefix) {
    String role =
        template.findResources("AWS::IAM::Role").keySet().stream()
            .filter(id -> id.startsWith(rolePrefix))
            .reduce(
                (a, b) -> {
                  throw new AssertionError(
                      "two roles start with " + rolePrefix + ": " + a + ", " + b);
                })
            .orElseThrow(() -> new AssertionError("no role starts with " + rolePrefix));
    List<Map<String, Object>> statements = new ArrayList<>();
    template
        .findResources(
            "AWS::IAM::Policy",
            Map.of("Properties", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role))))))
        .values()
        .forEach(
            policy ->
                statements.addAll(
                    statementsOf(
                        ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument"))));
    return statements;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statementsOf(Object document) {
    return (List<Map<String, Object>>) ((Map<String, Object>) document).get("Statement");
  }

  /** A statement's Action or Resource, which CloudFormation allows as one value or a list. */
  static List<Object> values(Map<String, Object> statement, String key) {
    Object value = statement.get(key);
    return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
  }

  static List<String> actions(Map<String, Object> statement) {
    return values(statement, "Action").stream().map(String::valueOf).toList();
  }

  /**
   * A resource as text: intrinsic functions become {@code ${Ref}} / {@code ${Resource.Attribute}},
   * so {@code arn:${AWS::Partition}:ecs:eu-west-1:123456789012:service/dev/*} reads as an ARN.
   */
  @SuppressWarnings("unchecked")
  static String render(Object value) {
    if (value instanceof String text) {
      return text;
    }
    Map<String, Object> function = (Map<String, Object>) value;
    if (function.containsKey("Ref")) {
      return "${" + function.get("Ref") + "}";
    }
    if (function.containsKey("Fn::GetAtt")) {
      return "${" + String.join(".", (List<String>) function.get("Fn::GetAtt")) + "}";
    }
    if (function.containsKey("Fn::Join")) {
      List<Object> join = (List<Object>) function.get("Fn::Join");
      StringBuilder text = new StringBuilder();
      List<Object> parts = (List<Object>) join.get(1);
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          text.append(join.get(0));
        }
        text.append(render(parts.get(i)));
      }
      return text.toString();
    }
    throw new AssertionError("unexpected intrinsic function in a resource: " + function);
  }

  static List<String> resources(Map<String, Object> statement) {
    return values(statement, "Resource").stream().map(Synthesis::render).toList();
  }

  /** The one logical id of the only resource of {@code type} whose properties contain a value. */
  static String logicalId(Template template, String type, Map<String, Object> properties) {
    Map<String, Map<String, Object>> found =
        template.findResources(type, Map.of("Properties", Match.objectLike(properties)));
    assertThat(found).hasSize(1);
    return found.keySet().iterator().next();
  }
}
