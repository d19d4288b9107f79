package io.netpolguard.model;

/**
 * A port a container of a pod template declares.
 *
 * @param container the container's name
 * @param name      the port's name, or null
 * @param port      {@code containerPort}
 * @param protocol  its protocol (TCP when not written)
 * @param hostPort  {@code hostPort}, or 0
 */
public record ContainerPort(String container, String name, int port, Protocol protocol, int hostPort) {
}
