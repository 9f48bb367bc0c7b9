package io.rustyrun.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The rules of ARCHITECTURE.md, checked on every module's production classes (this module has
 * them all on its class path).
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        // The other modules arrive as class directories (mvn test) or jars (mvn verify): both count.
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.rustyrun");
    // Guard against a vacuous pass: every module's classes must have been imported.
    assertThat(classes.contain("io.rustyrun.spec.SpecLoader")).isTrue();
    assertThat(classes.contain("io.rustyrun.runtime.sys.LinuxSyscalls")).isTrue();
    assertThat(classes.contain("io.rustyrun.cli.Main")).isTrue();
    assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("io.rustyrun.image"))).isTrue();
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }

  @Test
  void specDependsOnNoOtherModule() {
    check(noClasses().that().resideInAPackage("io.rustyrun.spec..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.rustyrun.runtime..", "io.rustyrun.image..", "io.rustyrun.cli.."));
  }

  @Test
  void imageUnpackDependsOnNoOtherModule() {
    check(noClasses().that().resideInAPackage("io.rustyrun.image..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.rustyrun.runtime..", "io.rustyrun.spec..", "io.rustyrun.cli.."));
  }

  @Test
  void runtimeDependsOnlyOnSpec() {
    check(noClasses().that().resideInAPackage("io.rustyrun.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage("io.rustyrun.image..", "io.rustyrun.cli.."));
  }

  @Test
  void nothingDependsOnTheCli() {
    check(noClasses().that().resideOutsideOfPackage("io.rustyrun.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.rustyrun.cli.."));
  }

  /**
   * The child and init stages load everything below {@code io.rustyrun.runtime}: none of it may
   * reach the spec module, Jackson or picocli (the first two are not even on the stage class
   * path; picocli is, compiled into rustyrun.jar, so this rule is what keeps it out).
   */
  @Test
  void stageCodeIsLean() {
    check(noClasses().that().resideInAnyPackage("io.rustyrun.runtime.*..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.rustyrun.spec..", "com.fasterxml..", "picocli..", "org.yaml.."));
  }

  @Test
  void noPackageCycles() {
    check(slices().matching("io.rustyrun.(**)").should().beFreeOfCycles());
  }

  @Test
  void onlyTheSyscallSeamTouchesForeignMemory() {
    check(noClasses().that().resideOutsideOfPackage("io.rustyrun.runtime.sys")
        .should().dependOnClassesThat().resideInAPackage("java.lang.foreign.."));
  }

  @Test
  void onlyTheCliExitsOrPrints() {
    check(noClasses().that().resideOutsideOfPackage("io.rustyrun.cli..")
        .should().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .orShould().accessField(System.class, "out")
        .orShould().accessField(System.class, "err"));
  }

  /** spec and image-unpack take Paths and FileSystems from callers, so tests run them on jimfs. */
  @Test
  void specAndImageUnpackNeverUseTheDefaultFileSystem() {
    check(noClasses().that().resideInAnyPackage("io.rustyrun.spec..", "io.rustyrun.image..")
        .should().callMethod(java.nio.file.Paths.class, "get", String.class, String[].class)
        .orShould().callMethod(java.nio.file.Path.class, "of", String.class, String[].class)
        .orShould().callMethod(java.nio.file.FileSystems.class, "getDefault")
        .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class));
  }

  /**
   * Commands declare their model in code ({@link CommandModel}): picocli never reads their
   * annotations (it wraps them without inspection), so one would be silently ignored.
   */
  @Test
  void noCommandDeclaresItsModelInPicocliAnnotations() {
    check(noClasses().should().beAnnotatedWith(Command.class));
    check(noFields().should().beAnnotatedWith(Option.class)
        .orShould().beAnnotatedWith(Parameters.class)
        .orShould().beAnnotatedWith(Mixin.class)
        .orShould().beAnnotatedWith(ArgGroup.class)
        .orShould().beAnnotatedWith(Spec.class)
        .orShould().beAnnotatedWith(ParentCommand.class));
    check(noMethods().should().beAnnotatedWith(Command.class)
        .orShould().beAnnotatedWith(Option.class)
        .orShould().beAnnotatedWith(Parameters.class));
  }
}
