package io.github.aksdevsecops.bootstrap.assets.terraform;

import java.nio.file.Path;

/**
 * A Terraform file that cannot be read or is not well-formed; the message starts with file:line.
 */
public final class TerraformParseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  public TerraformParseException(Path file, int line, String message) {
    super(file + ":" + line + ": " + message);
    this.file = file;
    this.line = line;
  }

  public TerraformParseException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
    this.line = 0;
  }

  public TerraformParseException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
    this.line = 0;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }

  /** The 1-based offending line, or 0 when the file could not be read at all. */
  public int line() {
    return line;
  }
}
