package io.github.aksdevsecops.bootstrap.execute;

/** Why a step did not run. */
public enum SkipReason {
  /** --resume: the journal records the step as done. */
  DONE_BEFORE("done in a previous run", true),
  /** destroy: the journal does not record that this tool created what the step manages. */
  NOT_CREATED_BY_THIS_TOOL("not created by this tool: left alone", true),
  /** The environment file switches the component off. */
  DISABLED_FOR_ENVIRONMENT("switched off for this environment", true),
  /** --dry-run: nothing is contacted. */
  DRY_RUN("dry run", true),
  /** Ctrl-C or another cancellation arrived before the step started. */
  CANCELLED("cancelled before it started", false),
  /** apply: a step it waits for did not finish. */
  PREREQUISITE_UNFINISHED("a prerequisite did not finish", false),
  /** destroy: an earlier removal failed, so later ones are not attempted. */
  EARLIER_REMOVAL_FAILED("an earlier removal failed: stopped before this one", false),
  /** plan --live: cannot be previewed until an earlier step is applied. */
  UNKNOWN_UNTIL_APPLIED("unknown until an earlier step is applied", false),
  /** plan --live: the executor has no preview. */
  NO_PREVIEW("no preview for this kind of step", false);

  private final String text;
  private final boolean settled;

  SkipReason(String text, boolean settled) {
    this.text = text;
    this.settled = settled;
  }

  public String text() {
    return text;
  }

  /** Skipping for this reason leaves the run complete (nothing is owed a --resume). */
  public boolean settled() {
    return settled;
  }
}
