package dev.walletwatch.agent.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * An application class path read as class files, never loaded: a Byte Buddy {@link TypePool} over
 * the jars and folders, backed by the running JDK's classes for types such as {@code BigDecimal}.
 */
final class ClassPath implements AutoCloseable {

  private final List<ClassFileLocator> locators = new ArrayList<ClassFileLocator>();
  private final List<String> classNames = new ArrayList<String>();
  private final TypePool pool;

  /**
   * Opens every entry of {@code classPath}, separated by the platform path separator.
   *
   * @throws IOException when an entry is missing or is neither a jar nor a folder
   */
  ClassPath(String classPath) throws IOException {
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      File file = new File(entry.trim());
      if (file.isDirectory()) {
        locators.add(new ClassFileLocator.ForFolder(file));
        listFolder(file.toPath());
      } else if (file.isFile()) {
        JarFile jar = new JarFile(file);
        locators.add(new ClassFileLocator.ForJarFile(jar));
        listJar(jar);
      } else {
        throw new IOException(
            "class path entry "
                + file
                + " does not exist; pass the application's jars and class"
                + " folders, separated by '"
                + File.pathSeparator
                + "'");
      }
    }
    locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
    pool = TypePool.Default.WithLazyResolution.of(new ClassFileLocator.Compound(locators));
  }

  private void listJar(JarFile jar) {
    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
      addClass(entries.nextElement().getName());
    }
  }

  private void listFolder(final Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Object file : files.toArray()) {
        addClass(folder.relativize((Path) file).toString().replace(File.separatorChar, '/'));
      }
    }
  }

  private void addClass(String resource) {
    if (resource.endsWith(".class")
        && !resource.startsWith("META-INF/")
        && !resource.endsWith("module-info.class")
        && !resource.endsWith("package-info.class")) {
      classNames.add(
          resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
    }
  }

  /** Returns the binary names of the classes in the class path's own entries (not the JDK's). */
  List<String> classNames() {
    return classNames;
  }

  TypePool pool() {
    return pool;
  }

  @Override
  public void close() throws IOException {
    for (ClassFileLocator locator : locators) {
      locator.close();
    }
  }
}
