package org.crowdsweep.job.run;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: local mode on two threads, bound to 127.0.0.1, no UI, errors only in the log. */
final class TestSpark {
  private TestSpark() {}

  static SparkSession start(String appName) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName(appName)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    return spark;
  }
}
