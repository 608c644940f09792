package io.github.aksdevsecops.bootstrap.model;

import java.nio.file.Path;

/** One problem found in an asset: where it is and what is wrong. Line 0 means "whole file". */
public record Problem(Path file, int line, String message) {

  /** A problem at the place a model element was declared. */
  public static Problem at(Source source, String message) {
    return new Problem(source.file(), source.line(), message);
  }

  public String render(Path root) {
    Path shown = file.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file;
    return line > 0 ? shown + ":" + line + ": " + message : shown + ": " + message;
  }
}
