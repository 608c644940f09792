package io.github.aksdevsecops.gate;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/** The arrows point down: cli → parse, decide, render → model; the decision has no I/O. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aksdevsecops.gate");

  @Test
  void modelDependsOnNoOtherLayer() {
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("..gate.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..gate.cli..", "..gate.parse..", "..gate.decide..", "..gate.render..")
        .check(CLASSES);
  }

  @Test
  void decisionIsPureAndIndependentOfFormats() {
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("..gate.decide..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..gate.cli..",
            "..gate.parse..",
            "..gate.render..",
            "java.nio.file..",
            "java.io..",
            "com.fasterxml.jackson..",
            "org.snakeyaml..")
        .check(CLASSES);
  }

  @Test
  void nothingDependsOnTheCli() {
    ArchRuleDefinition.noClasses()
        .that()
        .resideOutsideOfPackage("..gate.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..gate.cli..")
        .check(CLASSES);
  }

  @Test
  void parsersAndRenderersDoNotKnowEachOther() {
    slices().matching("io.github.aksdevsecops.gate.(*)..").should().beFreeOfCycles().check(CLASSES);
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("..gate.parse..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..gate.render..", "..gate.decide..")
        .check(CLASSES);
  }
}
