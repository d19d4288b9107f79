package io.netpolguard.testing;

/** Objects joined into a manifest stream as a post-renderer receives it. */
public final class HelmStream {

    private HelmStream() {
    }

    /**
     * As Helm writes a rendered chart: each document after {@code ---} and {@code # Source: <chart>/templates/<file>}
     * (the object's name + ".yaml" unless given with {@code from}).
     */
    public static String of(String chart, ObjectYaml<?>... objects) {
        StringBuilder sb = new StringBuilder();
        for (ObjectYaml<?> o : objects) {
            sb.append("---\n# Source: ").append(chart).append("/templates/").append(o.file()).append('\n')
                    .append(o.body());
        }
        return sb.toString();
    }

    /** Each document after a {@code ---} line, without {@code # Source:} comments (as kubectl or kustomize write). */
    public static String plain(ObjectYaml<?>... objects) {
        StringBuilder sb = new StringBuilder();
        for (ObjectYaml<?> o : objects) {
            sb.append(o);
        }
        return sb.toString();
    }
}
