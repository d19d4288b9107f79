package io.netpolguard.analyze.picture;

import java.util.Objects;

/**
 * A namespace, drawn as a labelled box around its nodes.
 *
 * @param id unique among the groups
 * @param label shown in the box's header (the id when null)
 * @param highlighted a namespace of the release: drawn in the release colour
 */
public record Group(String id, String label, boolean highlighted) {

    public Group {
        Objects.requireNonNull(id, "id");
        label = label == null ? id : label;
    }
}
