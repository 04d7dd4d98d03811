package dev.daybreak.iam;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What AWS Lambda's Java runtime does with one invocation, as a process of its own: instantiates
 * the function's handler ({@code CLASS::handleRequest}, a {@code RequestStreamHandler}, by its
 * public no-argument constructor) and calls it with the event and a context whose remaining time
 * counts down from the function's timeout. Run as {@code LambdaRuntime HANDLER TIMEOUT_SECONDS
 * MEMORY_MB EVENT_FILE RESULT_FILE}; the process's environment is the function's.
 */
public final class LambdaRuntime {

  private LambdaRuntime() {}

  public static void main(String[] args) throws Exception {
    String[] handler = args[0].split("::", 2);
    long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    int memory = Integer.parseInt(args[2]);
    if (handler.length != 2 || !handler[1].equals("handleRequest")) {
      throw new IllegalArgumentException("expected CLASS::handleRequest, found " + args[0]);
    }
    Object instance = Class.forName(handler[0]).getConstructor().newInstance();
    if (!(instance instanceof RequestStreamHandler function)) {
      throw new IllegalArgumentException(handler[0] + " is not a RequestStreamHandler");
    }
    try (InputStream event = Files.newInputStream(Path.of(args[3]));
        OutputStream result = Files.newOutputStream(Path.of(args[4]))) {
      function.handleRequest(event, result, context(deadline, memory));
    }
    System.exit(0);
  }

  private static Context context(long deadline, int memory) {
    LambdaLogger logger =
        (LambdaLogger)
            Proxy.newProxyInstance(
                LambdaRuntime.class.getClassLoader(),
                new Class<?>[] {LambdaLogger.class},
                (proxy, method, args) -> {
                  if (args != null && args.length > 0) {
                    System.err.println(
                        args[0] instanceof byte[] bytes
                            ? new String(bytes)
                            : String.valueOf(args[0]));
                  }
                  return null;
                });
    String requestId = UUID.randomUUID().toString();
    return (Context)
        Proxy.newProxyInstance(
            LambdaRuntime.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRemainingTimeInMillis" ->
                      (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                  case "getMemoryLimitInMB" -> memory;
                  case "getAwsRequestId" -> requestId;
                  case "getFunctionName" -> System.getenv("AWS_LAMBDA_FUNCTION_NAME");
                  case "getFunctionVersion" -> "$LATEST";
                  case "getLogGroupName" -> System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
                  case "getLogger" -> logger;
                  case "toString" -> "LambdaRuntime context " + requestId;
                  default -> null;
                });
  }
}
