package io.github.aksdevsecops.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The arrows point down: cli → report → engine (execute, validate, preflight) → plan → assets →
 * model; the gateways to the outside world (adapters) are reached from the engine only; no package
 * cycle anywhere.
 */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aksdevsecops.bootstrap");

  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("CLI")
          .definedBy("..bootstrap.cli..")
          .layer("Report")
          .definedBy("..bootstrap.report..")
          .layer("Engine")
          .definedBy(
              "..bootstrap.execute..",
              "..bootstrap.validate..",
              "..bootstrap.preflight..",
              "..bootstrap.render..",
              "..bootstrap.verify..")
          .layer("Plan")
          .definedBy("..bootstrap.plan..")
          .layer("Assets")
          .definedBy("..bootstrap.assets..")
          .layer("Model")
          .definedBy("..bootstrap.model..")
          .layer("Adapters")
          .definedBy("..bootstrap.adapters..")
          .layer("Process")
          .definedBy("..bootstrap.process..")
          .whereLayer("CLI")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Report")
          .mayOnlyBeAccessedByLayers("CLI")
          .whereLayer("Engine")
          .mayOnlyBeAccessedByLayers("CLI", "Report")
          .whereLayer("Plan")
          .mayOnlyBeAccessedByLayers("CLI", "Report", "Engine")
          .whereLayer("Assets")
          .mayOnlyBeAccessedByLayers("CLI", "Report", "Engine", "Plan")
          .whereLayer("Adapters")
          .mayOnlyBeAccessedByLayers("Engine")
          .whereLayer("Process")
          .mayOnlyBeAccessedByLayers("Engine", "Adapters");

  @Test
  void layersPointDown() {
    LAYERS.check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices()
        .matching("io.github.aksdevsecops.bootstrap.(*)..")
        .should()
        .beFreeOfCycles()
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
            "io.fabric8..",
            "com.marcnuri..",
            "com.azure..",
            "..bootstrap.execute..",
            "..bootstrap.adapters..",
            "..bootstrap.process..")
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
