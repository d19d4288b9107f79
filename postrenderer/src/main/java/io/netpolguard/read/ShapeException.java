package io.netpolguard.read;

import org.yaml.snakeyaml.nodes.Node;

/** A document is valid YAML but a field has a shape Kubernetes would not accept. */
final class ShapeException extends RuntimeException {

    private final transient Node node;

    ShapeException(String message, Node node) {
        super(message);
        this.node = node;
    }

    Node node() {
        return node;
    }
}
