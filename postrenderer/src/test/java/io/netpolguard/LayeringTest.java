package io.netpolguard;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture docs/architecture.md describes, held by the build: each stage depends only on the stages before
 * it and on the model; the core knows no Maven, Helm or command-line types; no package cycles.
 */
class LayeringTest {

    private static JavaClasses core;

    @BeforeAll
    static void importTheCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.netpolguard");
    }

    /** The JDK, the one YAML library, and the packages named ("" is the root package, with the core's run). */
    private static DescribedPredicate<JavaClass> mayUse(String... packages) {
        String[] all = new String[packages.length + 2];
        all[0] = "java..";
        all[1] = "org.yaml.snakeyaml..";
        for (int i = 0; i < packages.length; i++) {
            all[i + 2] = packages[i].isEmpty() ? "io.netpolguard" : "io.netpolguard." + packages[i];
        }
        return resideInAnyPackage(all);
    }

    private static void stage(String name, String... uses) {
        String[] with = new String[uses.length + 1];
        with[0] = name;
        System.arraycopy(uses, 0, with, 1, uses.length);
        classes().that().resideInAPackage(name.isEmpty() ? "io.netpolguard" : "io.netpolguard." + name)
                .should().onlyDependOnClassesThat(mayUse(with))
                .because("docs/architecture.md: " + (name.isEmpty() ? "the core's run" : name) + " uses only "
                        + String.join(", ", uses))
                .allowEmptyShould(false).check(core);
    }

    @Test
    void theModelAndWhatEveryStageSharesDependOnNothingAbove() {
        stage("model");
        stage("error");
        stage("yaml");
        stage("config", "model", "yaml", "error");
        stage("connectivity", "model");
    }

    @Test
    void eachStageDependsOnlyOnTheStagesBeforeIt() {
        stage("read", "model", "error");
        stage("plan..", "model", "config", "error");
        stage("verify", "model", "config", "connectivity", "plan..", "read", "error");
        stage("write", "model", "plan..", "yaml", "error"); // a document decodes itself: write needs no reader
        stage("", "model", "config", "read", "plan..", "verify", "write", "error");
        stage("report", "", "model", "config", "plan..", "verify", "error");
    }

    @Test
    void whatRunsAfterTheCoreDependsOnlyOnTheCoreAndOnWhatComesBeforeIt() {
        stage("analyze", "model", "config", "connectivity", "report", "error");
        stage("analyze.picture", "analyze", "model");
        stage("lock", "model", "config", "analyze", "report", "error");
        stage("observe", "model", "config", "connectivity", "analyze", "error");
        stage("export", "", "model", "config", "plan..", "write", "lock", "yaml", "error");
        stage("pipeline", "", "model", "config", "read", "verify", "report", "analyze", "lock", "observe", "error");
    }

    @Test
    void onlyTheCommandLineKnowsTheCommandLineAndNothingKnowsMavenOrHelm() {
        noClasses().that().resideOutsideOfPackage("io.netpolguard.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.netpolguard.cli..").check(core);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "com.marcnuri..")
                .because("the core and the command line are a plain library and program: no Maven or Helm types")
                .check(core);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.netpolguard.(**)").should().beFreeOfCycles().check(core);
    }
}
