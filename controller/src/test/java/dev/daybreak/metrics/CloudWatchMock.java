package dev.daybreak.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * CloudWatch on loopback as the AWS SDK 2.57 client speaks to it: Smithy RPC v2 CBOR ({@code POST
 * /service/GraniteServiceVersion20100801/operation/PutMetricData}, {@code smithy-protocol:
 * rpc-v2-cbor}, a CBOR body), answered with an empty CBOR map. Requests are decoded with Jackson's
 * CBOR reader.
 */
public final class CloudWatchMock implements AutoCloseable {

  static final String PUT_METRIC_DATA =
      "/service/GraniteServiceVersion20100801/operation/PutMetricData";

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
  private static final byte[] EMPTY_CBOR_MAP = {(byte) 0xA0};

  private final WireMockServer server =
      new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

  public CloudWatchMock() {
    server.start();
    server.stubFor(
        post(urlPathEqualTo(PUT_METRIC_DATA))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withHeader("Content-Type", "application/cbor")
                    .withBody(EMPTY_CBOR_MAP)));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Every PutMetricData received, decoded; fails on a request not in the RPC v2 CBOR protocol. */
  public List<JsonNode> putMetricData() {
    return server.findAll(postRequestedFor(urlPathEqualTo(PUT_METRIC_DATA))).stream()
        .map(CloudWatchMock::decode)
        .toList();
  }

  private static JsonNode decode(LoggedRequest request) {
    if (!"rpc-v2-cbor".equals(request.getHeader("smithy-protocol"))) {
      throw new AssertionError(
          "expected header smithy-protocol: rpc-v2-cbor but found " + request.getHeaders());
    }
    try {
      byte[] body = request.getBody();
      if ("gzip".equals(request.getHeader("Content-Encoding"))) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      return CBOR.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
