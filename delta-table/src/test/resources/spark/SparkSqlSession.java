import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark 4.0 + Delta 4.0 session for a whole test run, started by the tests' SparkSql fixture with the class path of
 * shared/spark-sql (the same session settings as its run.sh). Reads one statement per line (Base64 of its UTF-8 text),
 * prints each result row as a JSON line, then "END OK" or "END ERROR"; a failed statement prints
 * "ERROR <type>: <message> | root: <type>: <message>" first. Ends, stopping Spark, when its input closes.
 * Not compiled by the build: Spark is not on the project's class path, so the JDK's source launcher compiles it.
 */
public class SparkSqlSession {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("spark-sql-session")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.databricks.delta.retentionDurationCheck.enabled", "false")
        // The tests' tables are small: one partition per shuffle, per Delta state reconstruction and per VACUUM
        // file listing (defaults 200, 50 and 10,000: VACUUM took 100 s of CPU) change no result.
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.databricks.delta.snapshotPartitions", "1")
        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    System.out.println("READY");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      for (String line; (line = in.readLine()) != null; ) {
        String sql = new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8);
        try {
          for (String row : spark.sql(sql).toJSON().collectAsList()) System.out.println(row);
          System.out.println("END OK");
        } catch (Exception e) {
          Throwable t = e; while (t.getCause() != null && t.getCause() != t) t = t.getCause();
          System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).split("\n")[0]
              + " | root: " + t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).split("\n")[0]);
          System.out.println("END ERROR");
        }
        System.out.flush();
      }
    } finally {
      spark.stop();
    }
  }
}
