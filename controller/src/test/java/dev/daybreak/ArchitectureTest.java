package dev.daybreak;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules the code follows, checked on the compiled production classes of every module on
 * the controller's classpath (model, manifests, primitives, ecs-sim, controller; tests excluded):
 * no package cycles; the model knows nothing but Java and its cron parser; the manifests know
 * nothing of the runtime; the time and rate-limit primitives know no other daybreak package; the
 * ECS simulator knows only the model and the primitives; only the sandbox and the commands that
 * launch the simulator use it, and the Lambda handler cannot reach it (its jar leaves ecs-sim out).
 * docs/architecture.md draws the same arrows.
 */
class ArchitectureTest {

  /**
   * The production classes outside {@code dev.daybreak.sandbox} that may use the ECS simulator
   * ({@code dev.daybreak.ecssim}, the ecs-sim module): the CLI commands that start it. The sandbox
   * package holds the rest (the sandbox itself and the in-process gateways {@code SimEcsGateway}
   * and {@code SimScalingGateway} that tests and the simulation run the controller against).
   * Frozen: a new user of the simulator in production code is a decision to make here, in the open,
   * and must stay out of the Lambda handler's reach ({@link
   * #lambdaHandler_cannotReachTheSimulator}).
   */
  private static final Set<String> SIMULATOR_USERS =
      Set.of(
          "dev.daybreak.cli.EcsSimCommand",
          "dev.daybreak.cli.SandboxCommand",
          "dev.daybreak.cli.SimHealthOptions");

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.daybreak");
  }

  @Test
  void productionClasses_includeEveryModule() {
    for (String pkg :
        Set.of(
            "dev.daybreak.model",
            "dev.daybreak.manifests",
            "dev.daybreak.reconcile",
            "dev.daybreak.ecssim",
            "dev.daybreak.time",
            "dev.daybreak.ratelimit",
            "dev.daybreak.lambda",
            "dev.daybreak.chatops")) {
      assertContainsPackage(pkg);
    }
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("dev.daybreak.(*)..").should().beFreeOfCycles().check(production);
  }

  @Test
  void model_dependsOnlyOnJavaAndItsCronParser() {
    classes()
        .that()
        .resideInAPackage("dev.daybreak.model..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.daybreak.model..", "com.cronutils..")
        .check(production);
  }

  @Test
  void manifests_knowNoRuntime_onlyTheModelAndTheirParsers() {
    classes()
        .that()
        .resideInAPackage("dev.daybreak.manifests..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "dev.daybreak.model..",
            "dev.daybreak.manifests..",
            "com.fasterxml.jackson..",
            "org.yaml.snakeyaml..")
        .check(production);
  }

  @Test
  void timeAndRateLimitPrimitives_dependOnNoOtherDaybreakPackage() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.daybreak.time..", "dev.daybreak.ratelimit..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are daybreak classes outside time and ratelimit",
                (JavaClass c) ->
                    c.getPackageName().startsWith("dev.daybreak.")
                        && !c.getPackageName().startsWith("dev.daybreak.time")
                        && !c.getPackageName().startsWith("dev.daybreak.ratelimit")))
        .check(production);
  }

  @Test
  void queue_dependsOnlyOnTimeAndRateLimit() {
    classes()
        .that()
        .resideInAPackage("dev.daybreak.queue..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.slf4j..",
            "dev.daybreak.queue..",
            "dev.daybreak.time..",
            "dev.daybreak.ratelimit..")
        .check(production);
  }

  @Test
  void simulator_isUsedOnlyByTheSandboxAndTheCommandsThatLaunchIt() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.daybreak.ecssim..", "dev.daybreak.sandbox..")
        .and(
            DescribedPredicate.describe(
                "are not " + SIMULATOR_USERS,
                (JavaClass c) -> !SIMULATOR_USERS.contains(outermost(c).getName())))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.daybreak.ecssim..")
        .check(production);
  }

  @Test
  void simulator_knowsOnlyTheModelAndThePrimitives() {
    classes()
        .that()
        .resideInAPackage("dev.daybreak.ecssim..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "com.sun.net.httpserver..",
            "com.fasterxml.jackson..",
            "org.slf4j..",
            "dev.daybreak.ecssim..",
            "dev.daybreak.model..",
            "dev.daybreak.time..",
            "dev.daybreak.ratelimit..")
        .check(production);
  }

  /**
   * The Lambda asset ({@code daybreak-lambda.jar}) leaves the simulator out, so nothing the handler
   * loads may need it, however indirectly: a class reached from the handler that used the simulator
   * would fail with NoClassDefFoundError in AWS only.
   */
  @Test
  void lambdaHandler_cannotReachTheSimulator() {
    noClasses()
        .that()
        .resideInAPackage("dev.daybreak.lambda..")
        .should()
        .transitivelyDependOnClassesThat()
        .resideInAPackage("dev.daybreak.ecssim..")
        .check(production);
  }

  private static JavaClass outermost(JavaClass c) {
    JavaClass out = c;
    while (out.getEnclosingClass().isPresent()) {
      out = out.getEnclosingClass().get();
    }
    return out;
  }

  private static void assertContainsPackage(String pkg) {
    if (!production.containPackage(pkg)) {
      throw new AssertionError("the imported production classes lack " + pkg);
    }
  }
}
