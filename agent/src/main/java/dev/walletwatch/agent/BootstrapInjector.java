package dev.walletwatch.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Copies the dispatcher classes into the bootstrap class loader. Woven classes in any class loader
 * then resolve the same {@code Dispatcher}, because every loader delegates to the bootstrap loader.
 *
 * <p>On JDK 9 and newer the classes are defined through {@code jdk.internal.misc.Unsafe}, whose
 * package the agent opens to itself with {@link Instrumentation#redefineModule}. Appending a jar
 * with {@link Instrumentation#appendToBootstrapClassLoaderSearch} is the fallback, for Java 8 or
 * when that fails: on JDK 9 and newer it turns off class data sharing for the application's own
 * classes, which slows the application's start, and the JVM prints a warning about it on stderr.
 * Byte Buddy's own {@code UsingUnsafe} injector is not used because it goes through {@code
 * sun.misc.Unsafe}, which prints deprecation warnings on JDK 24 and newer.
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
    if (defineWithInternalUnsafe(instrumentation, classes)) {
      return;
    }
    File folder = Files.createTempDirectory("walletwatch-bootstrap").toFile();
    folder.deleteOnExit();
    ClassInjector.UsingInstrumentation.of(
            folder, ClassInjector.UsingInstrumentation.Target.BOOTSTRAP, instrumentation)
        .injectRaw(classes);
  }

  /**
   * Defines {@code classes} in the bootstrap loader through {@code jdk.internal.misc.Unsafe}, in
   * map order. Returns false when that class does not exist (Java 8) or any step fails, so that the
   * caller falls back to appending a jar. Written with reflection because the agent compiles to
   * Java 8, where neither {@code Module} nor {@code redefineModule} exists.
   */
  private static boolean defineWithInternalUnsafe(
      Instrumentation instrumentation, Map<String, byte[]> classes) {
    try {
      Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
      Class<?> moduleClass = Class.forName("java.lang.Module");
      Method getModule = Class.class.getMethod("getModule");
      Object javaBase = getModule.invoke(unsafeClass);
      // NOTE: the agent jar sits on the system class path, so its module is the unnamed module
      // that a class-path application shares: the application may also reflect into
      // jdk.internal.misc from now on. Nothing else about the application changes.
      Object agentModule = getModule.invoke(BootstrapInjector.class);
      // The equivalent Java 9 code: instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
      //     Map.of("jdk.internal.misc", Set.of(agentModule)), Set.of(), Map.of());
      Method redefineModule =
          Instrumentation.class.getMethod(
              "redefineModule", moduleClass, Set.class, Map.class, Map.class, Set.class, Map.class);
      redefineModule.invoke(
          instrumentation,
          javaBase,
          Collections.emptySet(),
          Collections.emptyMap(),
          Collections.singletonMap("jdk.internal.misc", Collections.singleton(agentModule)),
          Collections.emptySet(),
          Collections.emptyMap());
      Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
      Method defineClass =
          unsafeClass.getMethod(
              "defineClass",
              String.class,
              byte[].class,
              int.class,
              int.class,
              ClassLoader.class,
              ProtectionDomain.class);
      for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
        byte[] bytes = entry.getValue();
        defineClass.invoke(unsafe, entry.getKey(), bytes, 0, bytes.length, null, null);
      }
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    } catch (Exception e) {
      AgentLog.info(
          "defining the dispatcher in the bootstrap loader directly failed ("
              + e
              + "); appending it to the bootstrap class path instead");
      return false;
    }
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
