package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Problem;
import java.util.List;

/** One offline check over the parsed repository; each problem names file and line. */
public interface Check {
  List<Problem> check(Snapshot snapshot);
}
