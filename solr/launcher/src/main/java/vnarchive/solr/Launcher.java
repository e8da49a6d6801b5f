package vnarchive.solr;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A local SolrCloud for vnarchive's tests and benchmarks: an embedded ZooKeeper and N Jetty nodes on
 * 127.0.0.1, on free ports.
 *
 * <p>Usage: {@code java -cp CLASSPATH vnarchive.solr.Launcher DIR [NODES]}. When the cluster is up it prints
 * one JSON line {@code {"event":"ready","zk":"127.0.0.1:P","nodes":["http://127.0.0.1:P/solr",...]}} on
 * stdout, then reads commands on stdin, one per line, and answers each with one JSON line:
 *
 * <ul>
 *   <li>{@code stop I}: stop node I (0-based) as a crash would, leaving its data on disk;
 *   <li>{@code start I}: start node I again on the same port with the same data;
 *   <li>{@code quit}, or end of input: shut everything down and exit 0.
 * </ul>
 *
 * End of input also stops the cluster, so a parent that dies without saying goodbye never leaves it running.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Launcher DIR [NODES]");
      System.exit(2);
    }
    Path dir = Paths.get(args[0]).toAbsolutePath();
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Files.createDirectories(dir);
    // ZooKeeper's fsync on every write only slows a throwaway test cluster down.
    System.setProperty("zookeeper.forceSync", "no");
    System.setProperty("solr.disableDefaultJmxReporter", "true");
    // `vnarchive solr init` uploads the configset through the Configsets API: say so explicitly, so a
    // change of Solr's default does not break it.
    System.setProperty("configset.upload.enabled", "true");

    JettyConfig jetty = JettyConfig.builder().setPort(0).stopAtShutdown(true).build();
    MiniSolrCloudCluster cluster =
        new MiniSolrCloudCluster(nodes, dir, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, jetty);
    // Keep our own numbering: the cluster's list shifts when a node stops.
    List<JettySolrRunner> runners = new ArrayList<>(cluster.getJettySolrRunners());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(cluster)));

    StringBuilder urls = new StringBuilder();
    for (JettySolrRunner r : runners) {
      urls.append(urls.length() == 0 ? "" : ",").append('"').append(r.getBaseUrl()).append('"');
    }
    say("{\"event\":\"ready\",\"zk\":\"" + cluster.getZkServer().getZkAddress() + "\",\"nodes\":[" + urls + "]}");

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split("\\s+");
      try {
        if (cmd[0].equals("quit")) {
          break;
        } else if (cmd[0].equals("stop") && cmd.length == 2) {
          int i = Integer.parseInt(cmd[1]);
          cluster.stopJettySolrRunner(runners.get(i));
          say("{\"event\":\"stopped\",\"node\":" + i + "}");
        } else if (cmd[0].equals("start") && cmd.length == 2) {
          int i = Integer.parseInt(cmd[1]);
          JettySolrRunner r = runners.get(i);
          cluster.startJettySolrRunner(r);
          cluster.waitForNode(r, 60);
          say("{\"event\":\"started\",\"node\":" + i + ",\"url\":\"" + r.getBaseUrl() + "\"}");
        } else {
          say("{\"event\":\"error\",\"message\":\"unknown command: " + line.replace("\"", "'") + "\"}");
        }
      } catch (Exception e) {
        say("{\"event\":\"error\",\"message\":\"" + String.valueOf(e).replace("\"", "'") + "\"}");
      }
    }
    shutdown(cluster);
    say("{\"event\":\"stopped-all\"}");
    System.exit(0);
  }

  private static synchronized void shutdown(MiniSolrCloudCluster cluster) {
    try {
      cluster.shutdown();
    } catch (Exception e) {
      System.err.println("shutdown: " + e);
    }
  }

  private static void say(String json) {
    System.out.println(json);
    System.out.flush();
  }
}
