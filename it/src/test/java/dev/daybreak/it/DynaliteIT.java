package dev.daybreak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB stand-in itself, as the tests rely on it. */
class DynaliteIT {

  @Test
  void aClientAbortingItsRequestMidway_doesNotTakeTheServerDown() throws Exception {
    try (Dynalite dynalite = Dynalite.start()) {
      // Half a request: headers promising a body that never comes, then the connection closes,
      // as an SDK client closed at shutdown with a call in flight does.
      try (Socket socket =
          new Socket(dynalite.endpoint().getHost(), dynalite.endpoint().getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }

      try (DynamoDbClient client = dynalite.newClient()) {
        assertThat(client.listTables().tableNames()).isEmpty();
      }
      assertThat(dynalite.isAlive()).as("dynalite survived the aborted request").isTrue();
    }
  }
}
