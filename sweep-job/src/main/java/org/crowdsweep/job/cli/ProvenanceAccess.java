package org.crowdsweep.job.cli;

/** The commit for provenance records written outside the CLI package (model cache entries). */
public final class ProvenanceAccess {
  private ProvenanceAccess() {}

  /** The checkout's commit, or "unknown". */
  public static String commit() {
    return Provenance.commit();
  }
}
