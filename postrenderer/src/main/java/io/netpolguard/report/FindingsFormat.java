package io.netpolguard.report;

/** The formats CI tools read findings in ({@code --findings=sarif|junit}). */
public enum FindingsFormat {
    SARIF("sarif"), JUNIT("xml");

    private final String extension;

    FindingsFormat(String extension) {
        this.extension = extension;
    }

    /** The format of "sarif" or "junit" (in any case); null when there is none. */
    public static FindingsFormat of(String name) {
        for (FindingsFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** "sarif" or "xml". */
    public String extension() {
        return extension;
    }

    /** {@code netpol-guard-findings.sarif} or {@code netpol-guard-findings.xml}. */
    public String defaultFileName() {
        return "netpol-guard-findings." + extension;
    }

    /** @param version netpol-guard's version, named in SARIF */
    public String render(CiFindings findings, String version) {
        return this == SARIF ? Sarif.write(findings, version) : JUnitXml.write(findings);
    }
}
