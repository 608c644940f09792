package io.github.aksdevsecops.bootstrap.assets.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerraformStackReaderTest {

  @TempDir Path tmp;

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(TerraformStackReaderTest.class.getResource("/terraform/" + name))
            .toURI());
  }

  @Test
  void readsVariablesAndOutputsInFileOrderWithLines() throws Exception {
    Path dir = fixture("valid-stack");

    TerraformStack stack = TerraformStackReader.readStack(dir);

    assertThat(stack.dir()).isEqualTo(dir);
    assertThat(stack.variables())
        .extracting(TfSymbol::name, s -> s.file().getFileName().toString(), TfSymbol::line)
        .containsExactly(
            tuple("name_prefix", "variables.tf", 1),
            tuple("location", "variables.tf", 10),
            tuple("tags", "variables.tf", 12));
    assertThat(stack.outputs())
        .extracting(TfSymbol::name, TfSymbol::line)
        .containsExactly(tuple("resource_group_name", 1), tuple("token", 5));
    assertThat(stack.variable("tags")).isPresent();
    assertThat(stack.output("missing")).isEmpty();
  }

  @Test
  void requiredVariablesAreThoseWithoutDefault() throws Exception {
    assertThat(TerraformStackReader.requiredVariables(fixture("valid-stack")))
        .containsExactly("location", "name_prefix");
  }

  @Test
  void ignoresBlocksInsideCommentsStringsAndHeredocs() throws Exception {
    TerraformStack stack = TerraformStackReader.readStack(fixture("valid-stack"));

    assertThat(stack.variables()).extracting(TfSymbol::name).doesNotContain("commented_out");
    assertThat(stack.outputs()).extracting(TfSymbol::name).doesNotContain("nested");
  }

  @Test
  void readsTfvarsAssignmentsWithLines() throws Exception {
    Path file = fixture("valid-stack/staging.tfvars");

    assertThat(TerraformStackReader.readTfvars(file))
        .extracting(TfSymbol::name, TfSymbol::line, TfSymbol::file)
        .containsExactly(
            tuple("name_prefix", 2, file), tuple("location", 3, file), tuple("tags", 4, file));
  }

  @Test
  void tfvarsFilesAreNotPartOfTheStack() throws Exception {
    Path dir = emptyStack("stack");
    write(dir.resolve("variables.tf"), "variable \"a\" {}\n");
    write(dir.resolve("prod.tfvars"), "b = 1\n");
    write(dir.resolve("main.tftest.hcl"), "run \"x\" {}\n");

    assertThat(TerraformStackReader.readStack(dir).variables())
        .extracting(TfSymbol::name)
        .containsExactly("a");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unclosed block         | variable "a" {\\n  type = string\\n                  | 1 | block 'variable' opened here is never closed
          stray closing brace    | variable "a" {}\\n}\\n                              | 2 | unexpected '}'
          unclosed string        | variable "a" {\\n  default = "abc\\n}\\n           | 2 | string is not closed
          unclosed heredoc       | locals {\\n  x = <<EOT\\n  {\\n}\\n                 | 2 | heredoc <<EOT is never closed
          unclosed interpolation | locals {\\n  x = "${var.a"\\n}\\n                  | 2 | string is not closed
          unclosed comment       | variable "a" {}\\n/* note\\nvariable "b" {}\\n      | 2 | comment opened with '/*' is never closed
          mismatched bracket     | locals {\\n  x = [1, 2)\\n}\\n                      | 2 | found ')' where ']' closes '['
          unclosed bracket       | locals {\\n  x = [\\n    1,\\n                       | 2 | '[' opened here is never closed
          missing value          | locals {\\n  x =\\n}\\n                             | 2 | argument 'x' has no value
          duplicate argument     | locals {\\n  x = 1\\n  x = 2\\n}\\n                | 3 | argument 'x' is already set at line 2
          duplicate variable     | variable "a" {}\\n\\nvariable "a" {}\\n              | 3 | variable 'a' is already declared at
          two labels             | output "a" "b" {\\n  value = 1\\n}\\n              | 1 | output block needs exactly one name label, has 2
          no label               | variable {\\n}\\n                                   | 1 | variable block needs exactly one name label, has 0
          bad name               | variable "1abc" {}\\n                                | 1 | variable name '1abc' is not a valid identifier
          top-level argument     | \\nregion = "westeurope"\\n                         | 2 | argument 'region' is not allowed at the top level
          missing brace          | variable "a"\\n{}\\n                                | 1 | expected '=' or '{' after 'variable', found end of line
          two items on a line    | locals {\\n  x = 1 y = 2\\n}\\n                    | 2 | unexpected '=' in the value of 'x'
          missing name           | locals {\\n  = 1\\n}\\n                              | 2 | expected an argument or block name, found '='
          garbage character      | variable "a" {}\\n@\\n                              | 2 | unexpected character '@'
          """)
  void rejectsMalformedStackNamingFileAndLine(
      String scenario, String source, int line, String message) throws Exception {
    Path dir = emptyStack(scenario.replace(' ', '-'));
    Path file = dir.resolve("main.tf");
    write(file, source.replace("\\n", "\n"));

    assertThatThrownBy(() -> TerraformStackReader.readStack(dir))
        .isInstanceOfSatisfying(
            TerraformParseException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.getMessage()).startsWith(file + ":" + line + ": ").contains(message);
            });
  }

  @Test
  void duplicateAcrossFilesNamesBothLocations() throws Exception {
    Path dir = emptyStack("dup");
    write(dir.resolve("a.tf"), "output \"id\" {\n  value = 1\n}\n");
    write(dir.resolve("b.tf"), "\n\noutput \"id\" {\n  value = 2\n}\n");

    assertThatThrownBy(() -> TerraformStackReader.readStack(dir))
        .isInstanceOf(TerraformParseException.class)
        .hasMessage(
            dir.resolve("b.tf")
                + ":3: output 'id' is already declared at "
                + dir.resolve("a.tf")
                + ":1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          block in tfvars     | a = 1\\nlocals {\\n}\\n     | 2 | block 'locals' is not allowed in a variable definitions file
          duplicate in tfvars | a = 1\\nb = 2\\na = 3\\n     | 3 | argument 'a' is already set at line 1
          unclosed map        | tags = {\\n  a = "b"\\n    | 1 | '{' opened here is never closed
          """)
  void rejectsMalformedTfvars(String scenario, String source, int line, String message)
      throws Exception {
    Path file = tmp.resolve(scenario.replace(' ', '-') + ".tfvars");
    write(file, source.replace("\\n", "\n"));

    assertThatThrownBy(() -> TerraformStackReader.readTfvars(file))
        .isInstanceOfSatisfying(
            TerraformParseException.class,
            e -> assertThat(e.getMessage()).startsWith(file + ":" + line + ": ").contains(message));
  }

  @Test
  void rejectsDirectoryWithoutTerraformFiles() {
    assertThatThrownBy(() -> TerraformStackReader.readStack(tmp))
        .isInstanceOf(TerraformParseException.class)
        .hasMessage(tmp + ": no .tf file in this directory");
  }

  @Test
  void rejectsMissingDirectoryAndUnreadableFile() {
    Path missing = tmp.resolve("nope");
    assertThatThrownBy(() -> TerraformStackReader.readStack(missing))
        .hasMessage(missing + ": not a directory");
    assertThatThrownBy(() -> TerraformStackReader.readTfvars(missing.resolve("x.tfvars")))
        .isInstanceOf(TerraformParseException.class)
        .hasMessageStartingWith(missing.resolve("x.tfvars") + ": cannot read file");
  }

  @Test
  void rejectsInvalidUtf8() throws Exception {
    Path file = tmp.resolve("bad.tfvars");
    Files.write(file, new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '\n'});

    assertThatThrownBy(() -> TerraformStackReader.readTfvars(file))
        .hasMessage(file + ": not valid UTF-8");
  }

  /** A new directory for a stack, empty until the test writes its files. */
  private Path emptyStack(String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name));
  }

  private static void write(Path file, String content) throws Exception {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
