package org.crowdsweep.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.SparkEnv;
import org.crowdsweep.core.io.Sha256;
import org.crowdsweep.core.io.Trees;

/**
 * A directory of a run (the run directory or the model cache): a local path ({@code /data/runs/x}, {@code runs/x},
 * {@code file:///data/runs/x}) or a directory on any Hadoop FileSystem ({@code hdfs://namenode:8020/runs/x}, {@code
 * s3a://bucket/runs/x}, … whatever the Hadoop client on the classpath can open). Files are named relative to it with
 * {@code /}. Every write is whole: a file is written under a hidden temporary name ({@code .tmp-…}, which Spark and
 * pandas skip) and renamed into place, so a reader never sees half a file and a retried task replaces rather than
 * adds.
 *
 * <p>Local directories go through {@code java.nio} (atomic renames, no checksum side files). Hadoop directories take
 * their configuration from the classpath ({@code core-site.xml}, {@code hdfs-site.xml}) and, inside Spark, from the
 * {@code spark.hadoop.*} settings; on object stores such as S3 a rename is a copy, so the guarantee there is "no
 * partial file under the final name", not atomicity.
 */
public abstract sealed class Storage permits Storage.Local, Storage.Hadoop {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  private Storage() {}

  /**
   * The storage of a location: a local path (absolute or relative to the working directory) or a URI with a scheme.
   * Throws with the option's name when the location is not usable.
   */
  public static Storage of(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("empty location");
    }
    if (location.startsWith("file:")) {
      return new Local(Paths.get(URI.create(location)));
    }
    if (SCHEME.matcher(location).matches()) {
      return new Hadoop(location);
    }
    return new Local(Paths.get(location));
  }

  /** The location in its normal form: an absolute path, or the URI as given without a trailing slash. */
  public abstract String location();

  /** Whether this is a local directory. */
  public abstract boolean isLocal();

  /** A file or directory inside, as a location string (for messages and for Spark's readers). */
  public String resolve(String relative) {
    return location() + "/" + relative;
  }

  /** A subdirectory as a storage of its own. */
  public abstract Storage child(String relative);

  /** Whether the file exists and is a file. */
  public abstract boolean isFile(String relative);

  /** Whether the directory exists. */
  public abstract boolean isDirectory(String relative);

  /** The names in a directory, sorted; empty when it does not exist. */
  public abstract List<String> list(String relative);

  /** A file's text (UTF-8). */
  public abstract String readString(String relative) throws IOException;

  /** Writes a text file whole, replacing it. */
  public abstract void writeString(String relative, String text);

  /** Creates a file with this text unless it exists; returns false when it did. */
  public abstract boolean createNew(String relative, String text);

  /** Deletes a file or a directory with its contents; nothing happens when it does not exist. */
  public abstract void delete(String relative);

  /** Writes a Parquet file whole, replacing it. */
  public void writeParquet(String relative, MessageType schema, List<Group> rows) {
    String tmp = sibling(relative, ".tmp-" + UUID.randomUUID() + ".parquet");
    try {
      mkdirsFor(relative);
      try (ParquetWriter<Group> w =
          ExampleParquetWriter.builder(outputFile(tmp))
              .withType(schema)
              .withConf(new Configuration(false))
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .build()) {
        for (Group g : rows) {
          w.write(g);
        }
      }
      replace(tmp, relative);
    } catch (IOException e) {
      delete(tmp);
      throw new UncheckedIOException("cannot write " + resolve(relative) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Publishes a local directory under {@code relative} whole: it appears complete or not at all. Returns false, and
   * deletes the local directory, when {@code relative} already exists (another task published it first). The local
   * directory is gone afterwards either way.
   */
  public abstract boolean publishDirectory(Path localDir, String relative);

  /**
   * A local directory with the contents of {@code relative}: the directory itself when local, otherwise a copy in
   * this machine's temporary folder (made once per location and reused; complete or absent, like the original).
   */
  public abstract Path localCopy(String relative);

  /**
   * A local directory holding those of the named subdirectories that exist here: this directory itself when local,
   * otherwise links to local copies ({@link #localCopy}) in a folder made once per location and machine.
   */
  public Path localMirror(java.util.Collection<String> names) {
    if (isLocal()) {
      return localCopy("");
    }
    Path mirror = Paths.get(System.getProperty("java.io.tmpdir"), "crowdsweep-" + System.getProperty("user.name"),
        "mirrors", Sha256.shortHex(location()));
    try {
      Files.createDirectories(mirror);
      for (String name : names) {
        Path link = mirror.resolve(name);
        if (!Files.exists(link) && isDirectory(name)) {
          Path copy = localCopy(name);
          try {
            Files.createSymbolicLink(link, copy);
          } catch (FileAlreadyExistsException e) {
            // another task of this machine linked it first
          }
        }
      }
      return mirror;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mirror " + location() + " in " + mirror + ": " + e.getMessage(), e);
    }
  }

  /** A local folder for work that is published here later: inside this directory when local (so the rename stays
   * on one file system), else under the machine's temporary folder. */
  public abstract Path localWorkDirectory(String name) throws IOException;

  abstract OutputFile outputFile(String relative) throws IOException;

  abstract void mkdirsFor(String relative) throws IOException;

  abstract void replace(String from, String to) throws IOException;

  static String sibling(String relative, String name) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? name : relative.substring(0, slash + 1) + name;
  }

  @Override
  public String toString() {
    return location();
  }

  /** A directory on this machine's file systems. */
  static final class Local extends Storage {
    private final Path root;

    Local(Path root) {
      this.root = root.toAbsolutePath().normalize();
    }

    /** The directory. */
    Path path() {
      return root;
    }

    @Override
    public String location() {
      return root.toString();
    }

    @Override
    public boolean isLocal() {
      return true;
    }

    @Override
    public Storage child(String relative) {
      return new Local(root.resolve(relative));
    }

    @Override
    public boolean isFile(String relative) {
      return Files.isRegularFile(root.resolve(relative));
    }

    @Override
    public boolean isDirectory(String relative) {
      return Files.isDirectory(root.resolve(relative));
    }

    @Override
    public List<String> list(String relative) {
      Path dir = root.resolve(relative);
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (var s = Files.list(dir)) {
        return s.map(p -> p.getFileName().toString()).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String readString(String relative) throws IOException {
      return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    @Override
    public void writeString(String relative, String text) {
      String tmp = sibling(relative, ".tmp-" + UUID.randomUUID());
      try {
        mkdirsFor(relative);
        Files.writeString(root.resolve(tmp), text, StandardCharsets.UTF_8);
        replace(tmp, relative);
      } catch (IOException e) {
        delete(tmp);
        throw new UncheckedIOException("cannot write " + resolve(relative) + ": " + e.getMessage(), e);
      }
    }

    @Override
    public boolean createNew(String relative, String text) {
      try {
        mkdirsFor(relative);
        Files.writeString(root.resolve(relative), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + resolve(relative) + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void delete(String relative) {
      try {
        Trees.delete(root.resolve(relative));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + resolve(relative) + ": " + e.getMessage(), e);
      }
    }

    @Override
    public boolean publishDirectory(Path localDir, String relative) {
      Path target = root.resolve(relative);
      try {
        Files.createDirectories(target.getParent());
        try {
          Files.move(localDir, target, StandardCopyOption.ATOMIC_MOVE);
          return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
          Trees.delete(localDir); // another attempt finished first
          return false;
        } catch (AtomicMoveNotSupportedException e) {
          throw new IllegalStateException(location() + " does not support atomic renames", e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot publish " + resolve(relative) + ": " + e.getMessage(), e);
      }
    }

    @Override
    public Path localCopy(String relative) {
      return root.resolve(relative);
    }

    @Override
    public Path localWorkDirectory(String name) throws IOException {
      Files.createDirectories(root);
      return root.resolve(name);
    }

    @Override
    OutputFile outputFile(String relative) {
      return new LocalOutputFile(root.resolve(relative));
    }

    @Override
    void mkdirsFor(String relative) throws IOException {
      Files.createDirectories(root.resolve(relative).getParent());
    }

    @Override
    void replace(String from, String to) throws IOException {
      Files.move(root.resolve(from), root.resolve(to), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A directory on a Hadoop FileSystem. */
  static final class Hadoop extends Storage {
    private final String location;
    private FileSystem fs;

    Hadoop(String location) {
      String l = location;
      while (l.endsWith("/") && !l.endsWith("://")) {
        l = l.substring(0, l.length() - 1);
      }
      this.location = l;
      URI uri;
      try {
        uri = new URI(l);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("not a URI: " + location + " (" + e.getReason() + ")");
      }
      if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
        throw new IllegalArgumentException("not an absolute directory URI: " + location);
      }
    }

    private org.apache.hadoop.fs.Path path(String relative) {
      return new org.apache.hadoop.fs.Path(relative.isEmpty() ? location : location + "/" + relative);
    }

    private FileSystem fs() throws IOException {
      if (fs == null) {
        fs = path("").getFileSystem(configuration());
      }
      return fs;
    }

    /**
     * The Hadoop configuration: the classpath's site files plus every {@code spark.hadoop.*} setting (as Spark itself
     * does for its readers), so one {@code --conf} reaches the driver and every executor. Inside Spark the settings
     * come from its configuration; before the session starts (the driver takes the run lock first), from the system
     * properties, where {@code spark-submit --conf} puts them.
     */
    static Configuration configuration() {
      Configuration conf = new Configuration();
      String prefix = "spark.hadoop.";
      SparkEnv env = SparkEnv.get();
      if (env != null) {
        for (scala.Tuple2<String, String> kv : env.conf().getAllWithPrefix(prefix)) {
          conf.set(kv._1(), kv._2());
        }
      } else {
        for (String name : System.getProperties().stringPropertyNames()) {
          if (name.startsWith(prefix)) {
            conf.set(name.substring(prefix.length()), System.getProperty(name));
          }
        }
      }
      return conf;
    }

    private <T> T io(String what, String relative, IoCall<T> call) {
      try {
        return call.run();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot " + what + " " + resolve(relative) + ": " + e.getMessage(), e);
      }
    }

    private interface IoCall<T> {
      T run() throws IOException;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public boolean isLocal() {
      return false;
    }

    @Override
    public Storage child(String relative) {
      return new Hadoop(location + "/" + relative);
    }

    @Override
    public boolean isFile(String relative) {
      return io("read", relative, () -> fs().isFile(path(relative)));
    }

    @Override
    public boolean isDirectory(String relative) {
      return io("read", relative, () -> fs().isDirectory(path(relative)));
    }

    @Override
    public List<String> list(String relative) {
      return io("list", relative, () -> {
        if (!fs().exists(path(relative))) {
          return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs().listStatus(path(relative))) {
          names.add(s.getPath().getName());
        }
        names.sort(null);
        return names;
      });
    }

    @Override
    public String readString(String relative) throws IOException {
      org.apache.hadoop.fs.Path p = path(relative);
      if (!fs().exists(p)) {
        throw new NoSuchFileException(resolve(relative));
      }
      try (FSDataInputStream in = fs().open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    @Override
    public void writeString(String relative, String text) {
      String tmp = sibling(relative, ".tmp-" + UUID.randomUUID());
      io("write", relative, () -> {
        try (FSDataOutputStream out = fs().create(path(tmp), false)) {
          out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        replace(tmp, relative);
        return null;
      });
    }

    @Override
    public boolean createNew(String relative, String text) {
      return io("create", relative, () -> {
        try (FSDataOutputStream out = fs().create(path(relative), false)) {
          out.write(text.getBytes(StandardCharsets.UTF_8));
          return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
          return false;
        }
      });
    }

    @Override
    public void delete(String relative) {
      io("delete", relative, () -> fs().delete(path(relative), true));
    }

    @Override
    public boolean publishDirectory(Path localDir, String relative) {
      String tmp = sibling(relative, ".tmp-" + UUID.randomUUID());
      return io("publish", relative, () -> {
        try {
          if (fs().exists(path(relative))) {
            return false;
          }
          fs().mkdirs(path(tmp).getParent());
          fs().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localDir.toUri()), path(tmp));
          // A rename onto an existing directory would move the copy inside it; the check above leaves a small
          // window, closed below: a copy that landed inside a finished entry is removed again.
          if (fs().exists(path(relative)) || !fs().rename(path(tmp), path(relative))) {
            fs().delete(path(tmp), true);
            return false;
          }
          String inside = relative + "/" + path(tmp).getName();
          if (fs().exists(path(inside))) {
            fs().delete(path(inside), true);
            return false;
          }
          return true;
        } finally {
          Trees.delete(localDir);
        }
      });
    }

    @Override
    public Path localCopy(String relative) {
      Path cache = Paths.get(System.getProperty("java.io.tmpdir"), "crowdsweep-" + System.getProperty("user.name"),
          "copies");
      Path target = cache.resolve(Sha256.shortHex(resolve(relative)));
      if (Files.isDirectory(target)) {
        return target;
      }
      return io("copy", relative, () -> {
        Files.createDirectories(cache);
        Path tmp = cache.resolve(".tmp-" + UUID.randomUUID());
        try {
          fs().copyToLocalFile(false, path(relative), new org.apache.hadoop.fs.Path(tmp.toUri()), true);
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another task of this machine copied it first
          }
          return target;
        } finally {
          Trees.delete(tmp);
        }
      });
    }

    @Override
    public Path localWorkDirectory(String name) throws IOException {
      Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "crowdsweep-" + System.getProperty("user.name"),
          "work");
      Files.createDirectories(dir);
      return dir.resolve(name);
    }

    @Override
    OutputFile outputFile(String relative) throws IOException {
      return HadoopOutputFile.fromPath(path(relative), fs().getConf());
    }

    @Override
    void mkdirsFor(String relative) throws IOException {
      fs().mkdirs(path(relative).getParent());
    }

    @Override
    void replace(String from, String to) throws IOException {
      // Hadoop's rename does not replace a file: delete first. The file stays whole under its final name (the
      // window in which it is absent only matters to a retried task, whose copy is identical).
      fs().delete(path(to), false);
      if (!fs().rename(path(from), path(to))) {
        throw new IOException("rename of " + path(from) + " to " + path(to) + " failed");
      }
    }
  }
}
