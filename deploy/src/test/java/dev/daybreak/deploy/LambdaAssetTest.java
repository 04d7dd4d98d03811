package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar the serverless stack packages as the Lambda code ({@code controller/target/
 * daybreak-lambda.jar}, built by the controller's POM) holds the handler the functions name and
 * none of the ECS simulator ({@code dev/daybreak/ecssim/}, the ecs-sim module), which only the
 * CLI's {@code daybreak ecs-sim} and {@code daybreak sandbox} use; the CLI's jar still has it.
 */
class LambdaAssetTest {

  private static final String SIMULATOR = "dev/daybreak/ecssim/";

  @Test
  void lambdaAsset_hasTheHandler_andNoSimulatorClass() throws IOException {
    Path asset = jar("daybreak.controllerJar");
    assertThat(asset.getFileName()).hasToString("daybreak-lambda.jar");

    List<String> entries = entries(asset);

    assertThat(entries).contains(handlerClassEntry()).contains("dev/daybreak/time/Sleeper.class");
    assertThat(entries).filteredOn(e -> e.startsWith(SIMULATOR)).isEmpty();
  }

  @Test
  void cliJar_keepsTheSimulator_forEcsSimAndSandbox() throws IOException {
    List<String> entries = entries(jar("daybreak.cliJar"));

    assertThat(entries)
        .contains(handlerClassEntry(), SIMULATOR + "EcsSimulator.class")
        .contains(SIMULATOR + "http/EcsSimServer.class");
  }

  @Test
  void defaultControllerJar_isTheLambdaAsset() {
    assertThat(Path.of(DeployConfig.DEFAULT_CONTROLLER_JAR).getFileName())
        .hasToString("daybreak-lambda.jar");
  }

  /** {@code dev.daybreak.lambda.LambdaHandler::handleRequest} as a jar entry. */
  private static String handlerClassEntry() {
    String className =
        ServerlessController.HANDLER.substring(0, ServerlessController.HANDLER.indexOf("::"));
    return className.replace('.', '/') + ".class";
  }

  private static Path jar(String property) {
    String path = System.getProperty(property);
    assertThat(path).as("system property %s (set by deploy/pom.xml)", property).isNotNull();
    return Path.of(path);
  }

  private static List<String> entries(Path jar) throws IOException {
    assertThat(jar).as("build the controller first: ./mvnw -B install -DskipTests").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(ZipEntry::getName).toList();
    }
  }
}
