package io.netpolguard.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Findings as JUnit XML, the de-facto format CI servers show as tests (Jenkins, GitLab, Azure DevOps, GitHub
 * actions that read test reports): one test suite for the release, a test case per workload and check
 * ({@code selected}, {@code isolation}, {@code cross-release}; class name {@code team-a/Deployment/web}) and one for
 * the lock. An error fails its test case; warnings leave it passing and are in its {@code system-out}. Nothing in it
 * changes from run to run (no time stamp, no host), so the same findings give the same bytes.
 */
public final class JUnitXml {

    private static final List<String> CHECKS = List.of("selected", "isolation", "cross-release");

    private JUnitXml() {
    }

    private record Case(String classname, String name, String template, List<CiFindings.Item> items) {

        CiFindings.Item failure() {
            return items.stream().filter(CiFindings.Item::isError).findFirst().orElse(null);
        }
    }

    public static String write(CiFindings findings) {
        List<Case> cases = new ArrayList<>();
        for (CiFindings.Checked w : findings.workloads()) {
            for (String check : CHECKS) {
                List<CiFindings.Item> items = findings.items().stream()
                        .filter(i -> i.workload() == w && check.equals(i.check())).toList();
                cases.add(new Case(w.qualifiedName(), check, w.template(), items));
            }
        }
        if (findings.lock() != null) {
            cases.add(new Case("connectivity-lock", findings.lock().file().toString(), null,
                    findings.items().stream().filter(i -> i.rule() == CiFindings.Rule.LOCK_DRIFT).toList()));
        }
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        String suite = "netpol-guard" + (findings.release() == null ? "" : " " + findings.release());
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"netpol-guard\" tests=\"").append(cases.size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
        sb.append("  <testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
        for (Case c : cases) {
            sb.append("    <testcase classname=\"").append(escape(c.classname())).append("\" name=\"")
                    .append(escape(c.name())).append('"');
            if (c.template() != null) {
                sb.append(" file=\"").append(escape(c.template())).append('"');
            }
            sb.append(" time=\"0\"");
            if (c.items().isEmpty()) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n");
            CiFindings.Item failure = c.failure();
            if (failure != null) {
                sb.append("      <failure message=\"").append(escape(firstLine(failure.message()))).append("\" type=\"")
                        .append(failure.rule().id()).append("\">").append(escapeText(text(c, true))).append("</failure>\n");
            }
            String warnings = text(c, false);
            if (!warnings.isEmpty()) {
                sb.append("      <system-out>").append(escapeText(warnings)).append("</system-out>\n");
            }
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    /** The messages of a case's errors, or of its warnings, one paragraph each, with the template. */
    private static String text(Case c, boolean errors) {
        StringBuilder sb = new StringBuilder();
        for (CiFindings.Item i : c.items()) {
            if (i.isError() != errors) {
                continue;
            }
            sb.append(errors ? "" : "warning: ").append(i.rule().id()).append(": ").append(i.message());
            if (c.template() != null) {
                sb.append("\n  (").append(c.template());
                if (i.policy() != null && i.policy().source() != null) {
                    sb.append("; NetworkPolicy ").append(i.policy().name()).append(": ").append(i.policy().source());
                }
                sb.append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Element content: line breaks and tabs as they are. */
    private static String escapeText(String s) {
        return escape(s).replace("&#10;", "\n").replace("&#9;", "\t");
    }

    /** Text for an attribute; characters XML 1.0 cannot hold are written as \\uXXXX. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                case '\t' -> sb.append("&#9;");
                default -> {
                    if (c < 0x20 || (c >= 0xFFFE && c <= 0xFFFF) || (c >= 0xD800 && c <= 0xDFFF)) {
                        sb.append(String.format("\\u%04X", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}
