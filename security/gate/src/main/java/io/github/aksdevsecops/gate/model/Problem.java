package io.github.aksdevsecops.gate.model;

/**
 * One reason an input cannot be used: the file as named on the command line, the line (0 when
 * unknown) or the JSON pointer (empty when unknown), and what is wrong.
 */
public record Problem(String file, int line, String pointer, String message) {

  public static Problem atLine(String file, int line, String message) {
    return new Problem(file, line, "", message);
  }

  public static Problem atPointer(String file, String pointer, String message) {
    return new Problem(file, 0, pointer, message);
  }

  public static Problem inFile(String file, String message) {
    return new Problem(file, 0, "", message);
  }

  /** {@code file:line: message}, {@code file: at /pointer: message} or {@code file: message}. */
  public String render() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line);
    }
    text.append(": ");
    if (!pointer.isEmpty()) {
      text.append("at ").append(pointer).append(": ");
    }
    return text.append(message).toString();
  }
}
