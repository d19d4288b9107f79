package io.netpolguard.examples.greeter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A tiny HTTP service: GET / greets, GET /healthz answers the chart's probes. Port from $PORT, default 8080. */
public final class Greeter {

    private Greeter() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz", exchange -> reply(exchange, 200, "ok\n"));
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            reply(exchange, 200, greeting(name));
        });
        server.start();
        System.out.println("greeter listening on :" + port);
    }

    static String greeting(String name) {
        return "Hello, " + (name.isBlank() ? "world" : name) + "!\n";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
