package dev.daybreak.manifests;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML text (one or more documents) into located Jackson trees.
 *
 * <p>Jackson streams SnakeYAML's parser events and never composes a node graph, so SnakeYAML's
 * composer-level guards (alias and nesting limits) do not run; this reader enforces them itself,
 * with the limits of {@link ManifestLimits}, and reports every duplicate key instead of stopping at
 * the first. Aliases are resolved here (Jackson would hand them over as plain strings) and YAML
 * merge keys ({@code <<: *defaults}) are applied.
 */
final class YamlReader {

  private static final String MERGE_KEY = "<<";
  private static final String CORE_TAG = "tag:yaml.org,2002:";
  private static final Set<String> SUPPORTED_TAGS =
      Stream.of("str", "int", "float", "bool", "null", "map", "seq")
          .map(name -> CORE_TAG + name)
          .collect(Collectors.toUnmodifiableSet());

  private static final YAMLFactory FACTORY =
      AnchorReportingYaml.factory(
          YAMLFactory.builder()
              .loaderOptions(loaderOptions())
              // A backstop only: this reader refuses deeper nesting first, with its own message.
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(ManifestLimits.MAX_NESTING_DEPTH + 8)
                      .build())
              // YAML 1.2 booleans only (true/false), as editors' YAML language servers read them:
              // "no", "on" and "yes" stay strings.
              .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
              // "key:" with nothing after it is null, as YAML says; a quoted "" stays a string.
              .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));

  private final AnchorReportingYaml.Parser parser;
  private final Problems problems;
  private final List<LocatedDocument> documents;
  private final Map<String, YamlNode> anchors = new HashMap<>();
  private int aliases;

  private YamlReader(
      AnchorReportingYaml.Parser parser, Problems problems, List<LocatedDocument> documents) {
    this.parser = parser;
    this.problems = problems;
    this.documents = documents;
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(ManifestLimits.MAX_CODE_POINTS);
    options.setMaxAliasesForCollections(ManifestLimits.MAX_ALIASES);
    options.setNestingDepthLimit(ManifestLimits.MAX_NESTING_DEPTH);
    // Duplicate keys are found by this reader, which reports all of them with both lines; with
    // this set to false, Jackson would stop at the first one.
    options.setAllowDuplicateKeys(true);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  /**
   * The documents of {@code text}, skipping empty ones. Problems go to {@code problems}; after a
   * syntax error or an exceeded limit, the documents read before it are still returned.
   */
  static List<LocatedDocument> read(String text, Problems problems) {
    List<LocatedDocument> documents = new ArrayList<>();
    try (AnchorReportingYaml.Parser parser =
        (AnchorReportingYaml.Parser) FACTORY.createParser(text)) {
      new YamlReader(parser, problems, documents).readAll();
    } catch (UnreadableYaml e) {
      problems.add(e.at(), e.path(), e.getMessage());
    } catch (StreamConstraintsException e) {
      problems.add(at(e.getLocation()), FieldPath.ROOT, Expansion.tooDeep());
    } catch (JsonProcessingException e) {
      reportSyntax(e, problems);
    } catch (IOException e) {
      throw new UncheckedIOException("reading YAML from a String cannot fail with I/O", e);
    }
    return List.copyOf(documents);
  }

  private void readAll() throws IOException {
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      anchors.clear();
      aliases = 0;
      Position start = position();
      YamlNode root = readValue(token, FieldPath.ROOT);
      if (!isEmpty(root)) {
        documents.add(Expansion.of(root, start));
      }
    }
  }

  private static boolean isEmpty(YamlNode root) {
    return root instanceof YamlNode.Scalar scalar
        && (scalar.value().isNull() || scalar.value().asText().isEmpty());
  }

  private YamlNode readValue(JsonToken token, FieldPath path) throws IOException {
    Position at = position();
    if (path.depth() > ManifestLimits.MAX_NESTING_DEPTH) {
      throw new UnreadableYaml(at, path, Expansion.tooDeep());
    }
    if (parser.isCurrentAlias()) {
      return alias(parser.getText(), at, path);
    }
    Optional<String> anchor = parser.nodeAnchor();
    String tag = parser.getTypeId();
    if (tag != null && !SUPPORTED_TAGS.contains(tag)) {
      problems.add(
          at,
          path,
          "the YAML tag '"
              + (tag.startsWith(CORE_TAG) ? "!!" + tag.substring(CORE_TAG.length()) : "!" + tag)
              + "' is not supported; remove it (quote a value to make it a string)");
    }
    YamlNode node =
        switch (token) {
          case START_OBJECT -> readMapping(at, path);
          case START_ARRAY -> readSequence(at, path);
          default -> new YamlNode.Scalar(scalar(token), at);
        };
    anchor.ifPresent(name -> anchors.put(name, node));
    return node;
  }

  private YamlNode alias(String name, Position at, FieldPath path) {
    if (++aliases > ManifestLimits.MAX_ALIASES) {
      throw new UnreadableYaml(
          at,
          path,
          "more than "
              + ManifestLimits.MAX_ALIASES
              + " aliases in one document; the limit refuses alias bombs (\"billion laughs\")");
    }
    YamlNode target = anchors.get(name);
    if (target == null) {
      throw new UnreadableYaml(
          at,
          path,
          "unknown alias '*"
              + name
              + "'; an alias refers to an anchor (&"
              + name
              + ") defined earlier in the same document");
    }
    return target;
  }

  private JsonNode scalar(JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (token) {
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> nodes.numberNode(parser.getIntValue());
            case LONG -> nodes.numberNode(parser.getLongValue());
            default -> nodes.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      // Strings, and the text of values whose unsupported tag was reported above (!!binary).
      default -> nodes.textNode(parser.getText());
    };
  }

  private YamlNode readSequence(Position at, FieldPath path) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      items.add(readValue(token, path.index(items.size())));
    }
    return new YamlNode.Sequence(items, at);
  }

  private YamlNode readMapping(Position at, FieldPath path) throws IOException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    List<YamlNode.Mapping> merged = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      String key = parser.currentName();
      Position keyAt = position();
      FieldPath child = path.child(key);
      YamlNode value = readValue(parser.nextToken(), child);
      if (MERGE_KEY.equals(key)) {
        merge(value, keyAt, child, merged);
        continue;
      }
      YamlNode.Entry first = entries.putIfAbsent(key, new YamlNode.Entry(key, keyAt, value));
      if (first != null) {
        problems.add(
            keyAt,
            child,
            "duplicate key '"
                + key
                + "' (first set at line "
                + first.keyAt().line()
                + "); a key may appear only once in a mapping");
      }
    }
    // YAML merge keys: keys written in the mapping win, then earlier merged mappings.
    for (YamlNode.Mapping source : merged) {
      for (YamlNode.Entry entry : source.entries()) {
        entries.putIfAbsent(entry.key(), entry);
      }
    }
    return new YamlNode.Mapping(List.copyOf(entries.values()), at);
  }

  private void merge(
      YamlNode value, Position keyAt, FieldPath path, List<YamlNode.Mapping> merged) {
    if (value instanceof YamlNode.Mapping mapping) {
      merged.add(mapping);
      return;
    }
    if (value instanceof YamlNode.Sequence sequence
        && sequence.items().stream().allMatch(YamlNode.Mapping.class::isInstance)) {
      sequence.items().forEach(item -> merged.add((YamlNode.Mapping) item));
      return;
    }
    problems.add(
        keyAt,
        path,
        "a merge key (<<) takes a mapping or a list of mappings, e.g. '<<: *defaults'");
  }

  private Position position() {
    return at(parser.currentTokenLocation());
  }

  private static Position at(JsonLocation location) {
    if (location == null) {
      return Position.START;
    }
    return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  private static void reportSyntax(JsonProcessingException e, Problems problems) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        problems.add(
            new Position(mark.getLine() + 1, mark.getColumn() + 1),
            FieldPath.ROOT,
            syntaxMessage(marked));
        return;
      }
    }
    problems.add(at(e.getLocation()), FieldPath.ROOT, "not valid YAML: " + e.getOriginalMessage());
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = String.valueOf(e.getProblem());
    if (problem.contains("\\t(TAB)") || problem.contains("'\t'")) {
      return "a tab character cannot indent YAML; indent with spaces";
    }
    String context =
        e.getContext() == null
            ? ""
            : " ("
                + e.getContext()
                + (e.getContextMark() == null
                    ? ""
                    : " that starts at line " + (e.getContextMark().getLine() + 1))
                + ")";
    return "not valid YAML: " + problem + context;
  }
}
