package dev.walletwatch.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Copies the dispatcher classes into the bootstrap class loader, through a small jar appended with
 * {@link Instrumentation#appendToBootstrapClassLoaderSearch}. Woven classes in any class loader
 * then resolve the same {@code Dispatcher}, because every loader delegates to the bootstrap loader.
 *
 * <p>This class refers to the dispatcher only by name: it must run before anything in the agent
 * loads the dispatcher from the agent jar.
 */
final class BootstrapInjector {

  static final String[] CLASSES = {
    "dev.walletwatch.agent.bootstrap.Probe", "dev.walletwatch.agent.bootstrap.Dispatcher"
  };

  private BootstrapInjector() {}

  /** Injects the dispatcher classes unless an earlier start already did. */
  static void inject(Instrumentation instrumentation) throws IOException {
    if (isInBootstrap(CLASSES[1])) {
      return;
    }
    Map<String, byte[]> classes = new LinkedHashMap<String, byte[]>();
    for (String name : CLASSES) {
      classes.put(name, read(name));
    }
    File folder = Files.createTempDirectory("walletwatch-bootstrap").toFile();
    folder.deleteOnExit();
    ClassInjector.UsingInstrumentation.of(
            folder, ClassInjector.UsingInstrumentation.Target.BOOTSTRAP, instrumentation)
        .injectRaw(classes);
  }

  private static boolean isInBootstrap(String name) {
    try {
      Class.forName(name, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static byte[] read(String className) throws IOException {
    String resource = className.replace('.', '/') + ".class";
    InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("agent jar has no " + resource + "; rebuild the agent jar");
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        bytes.write(buffer, 0, read);
      }
      return bytes.toByteArray();
    } finally {
      in.close();
    }
  }
}
