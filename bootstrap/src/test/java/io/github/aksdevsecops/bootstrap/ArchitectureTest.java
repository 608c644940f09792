package io.github.aksdevsecops.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI depends on the engine, never the reverse; the planner and model stay pure. */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aksdevsecops.bootstrap");

  @Test
  void onlyTheCliKnowsTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..bootstrap.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..bootstrap.cli..")
        .check(CLASSES);
  }

  @Test
  void modelAndPlannerTouchNoClusterCloudOrProcess() {
    noClasses()
        .that()
        .resideInAnyPackage("..bootstrap.model..", "..bootstrap.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..", "com.marcnuri..", "..bootstrap.execute..", "..bootstrap.process..")
        .check(CLASSES);
  }

  @Test
  void picocliStaysInTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..bootstrap.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(CLASSES);
  }
}
