package dev.daybreak.manifests;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Jackson's YAML parser reports the anchor ({@code &name}) of a mapping or sequence but not of a
 * scalar ({@code timeout: &t 5m}). This factory's parsers report every node's anchor by watching
 * SnakeYAML's events through the {@code getEvent} hook that Jackson's own {@code
 * YAMLAnchorReplayingParser} uses.
 */
final class AnchorReportingYaml {

  private AnchorReportingYaml() {}

  /** A YAML factory configured by {@code builder} that creates {@link Parser}s. */
  static YAMLFactory factory(YAMLFactoryBuilder builder) {
    return new Factory(builder);
  }

  /** A YAML parser that knows the anchor of the node its current token starts. */
  static final class Parser extends YAMLParser {

    private String nodeAnchor;

    Parser(
        IOContext context,
        int features,
        int yamlFeatures,
        LoaderOptions options,
        ObjectCodec codec,
        Reader reader) {
      super(context, features, yamlFeatures, options, codec, reader);
    }

    /**
     * The anchor of the value the current token starts (a scalar, mapping or sequence), if any.
     * Jackson reads no event ahead of the token it returns, so the last event read is that node.
     */
    Optional<String> nodeAnchor() {
      return Optional.ofNullable(nodeAnchor);
    }

    @Override
    protected Event getEvent() throws IOException {
      Event event = super.getEvent();
      nodeAnchor =
          event instanceof NodeEvent node && !(event instanceof AliasEvent)
              ? node.getAnchor()
              : null;
      return event;
    }
  }

  private static final class Factory extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    Factory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    private Parser parser(Reader reader, IOContext context) {
      return new Parser(
          context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
      return parser(reader, context);
    }

    @Override
    protected YAMLParser _createParser(
        char[] data, int offset, int length, IOContext context, boolean recyclable) {
      return parser(new CharArrayReader(data, offset, length), context);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext context) throws IOException {
      return parser(_createReader(in, null, context), context);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int length, IOContext context)
        throws IOException {
      return parser(_createReader(data, offset, length, (JsonEncoding) null, context), context);
    }
  }
}
