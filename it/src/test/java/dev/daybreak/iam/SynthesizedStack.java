package dev.daybreak.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * A CloudFormation template deploy/'s tests synthesized ({@code deploy/target/cdk.out/<mode>/
 * Daybreak.template.json}), read as CloudFormation would deploy it into {@code account} and {@code
 * region}: the intrinsic functions of the values daybreak reads ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Join}, {@code Fn::Sub}, {@code Fn::Select}) resolved to the strings AWS would put
 * there. A secret's ARN ends in the six random characters Secrets Manager appends ({@link
 * #SECRET_SUFFIX} here); a resource without a name gets its logical id as its name.
 */
public final class SynthesizedStack {

  /** The six characters Secrets Manager appends to a secret's name in its ARN. */
  static final String SECRET_SUFFIX = "-Ab12Cd";

  private final JsonNode template;
  private final String partition;
  private final String region;
  private final String account;

  private SynthesizedStack(JsonNode template, String region, String account) {
    this.template = template;
    this.region = region;
    this.account = account;
    this.partition = CallResources.partition(region);
  }

  /**
   * The template of {@code mode} under {@code cdkOut}, deployed to {@code region}/{@code account}.
   */
  public static SynthesizedStack read(Path cdkOut, String mode, String region, String account)
      throws IOException {
    return read(cdkOut, mode, "Daybreak", region, account);
  }

  /** The template of stack {@code stackName} under {@code cdkOut/directory}. */
  public static SynthesizedStack read(
      Path cdkOut, String directory, String stackName, String region, String account)
      throws IOException {
    Path file = cdkOut.resolve(directory).resolve(stackName + ".template.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no synthesized template at "
              + file.toAbsolutePath()
              + ": deploy/'s tests write it (./mvnw -pl deploy -am verify)");
    }
    return new SynthesizedStack(CallLog.JSON.readTree(file.toFile()), region, account);
  }

  public String region() {
    return region;
  }

  public String account() {
    return account;
  }

  /** The logical ids of the resources of {@code type}. */
  public List<String> resourcesOfType(String type) {
    List<String> ids = new ArrayList<>();
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals(type)) {
                ids.add(e.getKey());
              }
            });
    return ids;
  }

  /** The resolved properties of one resource. */
  public JsonNode properties(String logicalId) {
    return resolve(resource(logicalId).path("Properties"));
  }

  /** The one IAM role whose logical id starts with {@code prefix}. */
  public String role(String prefix) {
    List<String> roles =
        resourcesOfType("AWS::IAM::Role").stream().filter(id -> id.startsWith(prefix)).toList();
    if (roles.size() != 1) {
      throw new IllegalStateException(
          "expected one IAM role whose logical id starts with '" + prefix + "', found " + roles);
    }
    return roles.get(0);
  }

  /**
   * The identity-based policy of a role: the statements of every AWS::IAM::Policy attached to it
   * and of its inline policies, resolved, in one document (IAM evaluates a role's policies as one
   * set of statements). A managed policy cannot be read from the template and is refused.
   */
  public IamPolicy policyOf(String roleLogicalId) {
    JsonNode role = resource(roleLogicalId).path("Properties");
    if (role.has("ManagedPolicyArns")) {
      throw new IllegalStateException(
          roleLogicalId + " has managed policies, which the template does not contain");
    }
    ArrayNode statements = JsonNodeFactory.instance.arrayNode();
    role.path("Policies").forEach(p -> statements.addAll(statementsOf(p.path("PolicyDocument"))));
    for (String policy : resourcesOfType("AWS::IAM::Policy")) {
      JsonNode properties = resource(policy).path("Properties");
      boolean attached = false;
      for (JsonNode ref : properties.path("Roles")) {
        attached |= ref.path("Ref").asText().equals(roleLogicalId);
      }
      if (attached) {
        statements.addAll(statementsOf(properties.path("PolicyDocument")));
      }
    }
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("Version", "2012-10-17");
    document.set("Statement", resolve(statements));
    return IamPolicy.fromJson(document.toString());
  }

  private static ArrayNode statementsOf(JsonNode document) {
    JsonNode statement = document.path("Statement");
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    if (statement.isArray()) {
      list.addAll((ArrayNode) statement);
    } else if (!statement.isMissingNode()) {
      list.add(statement);
    }
    return list;
  }

  private JsonNode resource(String logicalId) {
    JsonNode node = template.path("Resources").path(logicalId);
    if (node.isMissingNode()) {
      throw new IllegalStateException("the template has no resource " + logicalId);
    }
    return node;
  }

  /** {@code value} with every intrinsic function replaced by its result. */
  public JsonNode resolve(JsonNode value) {
    if (value.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      value.forEach(v -> out.add(resolve(v)));
      return out;
    }
    if (!value.isObject()) {
      return value;
    }
    if (value.size() == 1) {
      String name = value.fieldNames().next();
      JsonNode arg = value.get(name);
      switch (name) {
        case "Ref":
          return TextNode.valueOf(ref(arg.asText()));
        case "Fn::GetAtt":
          return TextNode.valueOf(getAtt(arg.get(0).asText(), arg.get(1).asText()));
        case "Fn::Join":
          {
            List<String> parts = new ArrayList<>();
            resolve(arg.get(1)).forEach(p -> parts.add(p.asText()));
            return TextNode.valueOf(String.join(arg.get(0).asText(), parts));
          }
        case "Fn::Select":
          return resolve(arg.get(1)).get(resolve(arg.get(0)).asInt());
        case "Fn::Sub":
          return TextNode.valueOf(sub(arg));
        default:
          if (name.startsWith("Fn::")) {
            throw new IllegalStateException("unsupported intrinsic function " + name);
          }
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      out.set(field.getKey(), resolve(field.getValue()));
    }
    return out;
  }

  private String sub(JsonNode arg) {
    String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
    Map<String, String> variables = new LinkedHashMap<>();
    if (arg.isArray()) {
      arg.get(1)
          .fields()
          .forEachRemaining(e -> variables.put(e.getKey(), resolve(e.getValue()).asText()));
    }
    Matcher m = Pattern.compile("\\$\\{([^}!][^}]*)}").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement =
          variables.containsKey(name)
              ? variables.get(name)
              : name.contains(".")
                  ? getAtt(
                      name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1))
                  : ref(name);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The environment variables of every Lambda function and container, by the function's logical id
   * or {@code TASK_DEFINITION/CONTAINER}, resolved.
   */
  public Map<String, Map<String, String>> environments() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (String function : resourcesOfType("AWS::Lambda::Function")) {
      Map<String, String> env = new LinkedHashMap<>();
      properties(function)
          .path("Environment")
          .path("Variables")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      all.put(function, env);
    }
    for (String task : resourcesOfType("AWS::ECS::TaskDefinition")) {
      for (JsonNode container : properties(task).path("ContainerDefinitions")) {
        Map<String, String> env = new LinkedHashMap<>();
        container
            .path("Environment")
            .forEach(v -> env.put(v.path("Name").asText(), v.path("Value").asText()));
        all.put(task + "/" + container.path("Name").asText(), env);
      }
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("the template has no Lambda function and no container");
    }
    return all;
  }

  /** What {@code {"Ref": name}} resolves to. */
  public String ref(String name) {
    switch (name) {
      case "AWS::Partition":
        return partition;
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return account;
      case "AWS::URLSuffix":
        return partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
      case "AWS::StackName":
        return "Daybreak";
      default:
        break;
    }
    JsonNode resource = resource(name);
    JsonNode properties = resource.path("Properties");
    return switch (resource.path("Type").asText()) {
      case "AWS::SecretsManager::Secret" -> secretArn(name, properties);
      case "AWS::DynamoDB::Table" -> nameOf(name, properties, "TableName");
      case "AWS::Logs::LogGroup" -> nameOf(name, properties, "LogGroupName");
      case "AWS::IAM::Role" -> nameOf(name, properties, "RoleName");
      default -> name;
    };
  }

  private String getAtt(String logicalId, String attribute) {
    JsonNode resource = resource(logicalId);
    JsonNode properties = resource.path("Properties");
    String type = resource.path("Type").asText();
    if (!attribute.equals("Arn")) {
      throw new IllegalStateException("unsupported attribute " + logicalId + "." + attribute);
    }
    return switch (type) {
      case "AWS::DynamoDB::Table" ->
          arn("dynamodb", region, "table/" + nameOf(logicalId, properties, "TableName"));
      case "AWS::Logs::LogGroup" ->
          arn("logs", region, "log-group:" + nameOf(logicalId, properties, "LogGroupName") + ":*");
      case "AWS::IAM::Role" -> arn("iam", "", "role/" + nameOf(logicalId, properties, "RoleName"));
      case "AWS::SecretsManager::Secret" -> secretArn(logicalId, properties);
      default -> throw new IllegalStateException("unsupported Fn::GetAtt on " + type);
    };
  }

  private String secretArn(String logicalId, JsonNode properties) {
    return arn(
        "secretsmanager",
        region,
        "secret:" + nameOf(logicalId, properties, "Name") + SECRET_SUFFIX);
  }

  private String nameOf(String logicalId, JsonNode properties, String property) {
    JsonNode name = properties.path(property);
    return name.isMissingNode() ? logicalId : resolve(name).asText();
  }

  private String arn(String service, String arnRegion, String resource) {
    return "arn:" + partition + ":" + service + ":" + arnRegion + ":" + account + ":" + resource;
  }
}
