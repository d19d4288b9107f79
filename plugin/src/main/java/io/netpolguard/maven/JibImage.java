package io.netpolguard.maven;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image Jib just built, from the {@code target/jib-image.json} Jib writes after every build goal:
 * {@code {"image": "registry/app:1.0", "imageId": "sha256:...", "imageDigest": "sha256:...", "tags": ["1.0"], ...}}.
 *
 * @param image      the image reference as configured in Jib's {@code <to><image>}
 * @param repository the reference without tag and digest, e.g. {@code registry/app}
 * @param tag        the tag of the reference, else the first of Jib's tags, else {@code latest}
 * @param digest     the image digest ({@code sha256:...}), or null when Jib wrote none
 */
public record JibImage(String image, String repository, String tag, String digest) {

    /** Reads the file; empty when it does not exist. */
    public static Optional<JibImage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Object loaded;
        try {
            // JSON is YAML: the core's SnakeYAML reads it, no JSON library needed.
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException("Jib's image file " + file + " cannot be read (" + e.getMessage()
                    + ").", e);
        }
        if (!(loaded instanceof Map<?, ?> map) || !(map.get("image") instanceof String image) || image.isBlank()) {
            throw new IllegalArgumentException("Jib's image file " + file + " has no \"image\" field.");
        }
        String firstTag = map.get("tags") instanceof List<?> tags && !tags.isEmpty() ? String.valueOf(tags.get(0))
                : null;
        String digest = map.get("imageDigest") instanceof String d && !d.isBlank() ? d : null;
        return Optional.of(parse(image, firstTag, digest));
    }

    static JibImage parse(String image, String firstTag, String digest) {
        String reference = image;
        int at = reference.indexOf('@');
        if (at >= 0) {
            if (digest == null) {
                digest = reference.substring(at + 1);
            }
            reference = reference.substring(0, at);
        }
        int colon = reference.lastIndexOf(':');
        String repository = reference;
        String tag = null;
        if (colon > reference.lastIndexOf('/')) {
            repository = reference.substring(0, colon);
            tag = reference.substring(colon + 1);
        }
        if (tag == null) {
            tag = firstTag != null ? firstTag : "latest";
        }
        return new JibImage(image, repository, tag, digest);
    }

    /**
     * The chart values that make the chart deploy this image.
     *
     * @param repositoryKey the value key for the repository (empty: not set)
     * @param tagKey        the value key for the tag (empty: not set)
     * @param digestKey     the value key for the digest; empty to append the digest to the tag
     *                      ({@code 1.0@sha256:...}), which pins the digest in charts that write
     *                      {@code repository:tag}, as {@code helm create} charts do
     */
    public Map<String, String> values(String repositoryKey, String tagKey, String digestKey) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!isBlank(repositoryKey)) {
            values.put(repositoryKey, repository);
        }
        boolean digestInTag = isBlank(digestKey);
        if (!isBlank(tagKey)) {
            values.put(tagKey, digestInTag && digest != null ? tag + "@" + digest : tag);
        }
        if (!digestInTag && digest != null) {
            values.put(digestKey, digest);
        }
        return values;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
