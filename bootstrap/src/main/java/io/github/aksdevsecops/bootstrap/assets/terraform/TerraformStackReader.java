package io.github.aksdevsecops.bootstrap.assets.terraform;

import io.github.aksdevsecops.bootstrap.assets.terraform.HclStructure.Attribute;
import io.github.aksdevsecops.bootstrap.assets.terraform.HclStructure.Block;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the interface of Terraform stacks (variables, outputs) and of variable definitions files
 * without the Terraform binary. The reader is strict about structure — unclosed blocks, strings,
 * heredocs, comments or brackets, duplicate names and misplaced items are errors naming file:line —
 * but does not evaluate expressions.
 */
public final class TerraformStackReader {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private TerraformStackReader() {}

  /**
   * Reads every {@code *.tf} file directly in {@code dir} (sorted by name) and returns the stack's
   * variables and outputs.
   *
   * @throws TerraformParseException when the directory holds no {@code .tf} file, a file cannot be
   *     read, is malformed, or declares a variable or output twice
   */
  public static TerraformStack readStack(Path dir) {
    List<Path> files = terraformFiles(dir);
    List<TfSymbol> variables = new ArrayList<>();
    List<TfSymbol> outputs = new ArrayList<>();
    Map<String, TfSymbol> seenVariables = new HashMap<>();
    Map<String, TfSymbol> seenOutputs = new HashMap<>();
    for (Path file : files) {
      HclStructure structure = HclStructure.parse(file, read(file));
      if (!structure.attributes().isEmpty()) {
        Attribute attribute = structure.attributes().get(0);
        throw new TerraformParseException(
            file,
            attribute.line(),
            "argument '" + attribute.name() + "' is not allowed at the top level of a .tf file");
      }
      for (Block block : structure.blocks()) {
        switch (block.type()) {
          case "variable" -> variables.add(declare(file, block, seenVariables));
          case "output" -> outputs.add(declare(file, block, seenOutputs));
          default -> {
            // resources, data sources, locals, modules, terraform and provider blocks are not
            // part of the stack's interface
          }
        }
      }
    }
    return new TerraformStack(dir, variables, outputs);
  }

  /**
   * Reads a variable definitions file ({@code .tfvars}) and returns the variables it sets.
   *
   * @throws TerraformParseException when the file cannot be read, is malformed, holds a block, or
   *     sets a variable twice
   */
  public static List<TfSymbol> readTfvars(Path file) {
    HclStructure structure = HclStructure.parse(file, read(file));
    if (!structure.blocks().isEmpty()) {
      Block block = structure.blocks().get(0);
      throw new TerraformParseException(
          file,
          block.line(),
          "block '" + block.type() + "' is not allowed in a variable definitions file");
    }
    return structure.attributes().stream()
        .map(a -> new TfSymbol(a.name(), file, a.line()))
        .toList();
  }

  private static TfSymbol declare(Path file, Block block, Map<String, TfSymbol> seen) {
    if (block.labels().size() != 1) {
      throw new TerraformParseException(
          file,
          block.line(),
          block.type() + " block needs exactly one name label, has " + block.labels().size());
    }
    String name = block.labels().get(0);
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new TerraformParseException(
          file, block.line(), block.type() + " name '" + name + "' is not a valid identifier");
    }
    TfSymbol symbol = new TfSymbol(name, file, block.line());
    TfSymbol previous = seen.putIfAbsent(name, symbol);
    if (previous != null) {
      throw new TerraformParseException(
          file,
          block.line(),
          block.type() + " '" + name + "' is already declared at " + previous.location());
    }
    return symbol;
  }

  private static List<Path> terraformFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new TerraformParseException(dir, "not a directory");
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(dir)) {
      files =
          entries
              .filter(p -> String.valueOf(p.getFileName()).endsWith(".tf"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new TerraformParseException(dir, "cannot list directory: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new TerraformParseException(dir, "no .tf file in this directory");
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new TerraformParseException(file, "not valid UTF-8", e);
    } catch (IOException e) {
      throw new TerraformParseException(file, "cannot read file: " + e.getMessage(), e);
    }
  }
}
