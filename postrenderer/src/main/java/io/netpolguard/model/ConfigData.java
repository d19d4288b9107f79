package io.netpolguard.model;

import java.util.Map;

/**
 * A ConfigMap's or Secret's values as pods read them: a ConfigMap's {@code data}; a Secret's {@code data} decoded
 * from base64 (where it is text) and its {@code stringData}. Read only when the release is segregated.
 *
 * @param object the ConfigMap or Secret
 * @param secret whether it is a Secret
 * @param values its keys and values, in order
 */
public record ConfigData(KubeObject object, boolean secret, Map<String, String> values) {
}
