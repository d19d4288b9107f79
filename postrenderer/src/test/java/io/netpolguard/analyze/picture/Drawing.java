package io.netpolguard.analyze.picture;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An SVG picture read back with the JDK's XML parser, as the tests see it. */
final class Drawing {

    static final String SVG = "http://www.w3.org/2000/svg";

    record Box(double x, double y, double w, double h) {
        double right() {
            return x + w;
        }

        double bottom() {
            return y + h;
        }

        boolean contains(Box o) {
            return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
        }

        boolean overlaps(Box o) {
            return o.x < right() && x < o.right() && o.y < bottom() && y < o.bottom();
        }

        boolean holds(double px, double py, double tolerance) {
            return px >= x - tolerance && px <= right() + tolerance && py >= y - tolerance && py <= bottom() + tolerance;
        }
    }

    record DrawnNode(String id, String text, String classes, Box box) {
    }

    record DrawnGroup(String id, String text, String classes, Box box) {
    }

    record DrawnEdge(String domId, String from, String to, String labelId, String title, double[] start, double[] end) {
    }

    record DrawnLabel(String domId, List<String> edgeDomIds, String text, Box box) {
    }

    /** An edge of a mesh: an element without a path. */
    record DrawnMeshEdge(String domId, String from, String to, String meshId, String title) {
    }

    /** A mesh's note. */
    record DrawnMesh(String domId, String group, List<String> edgeDomIds, String text, String title, Box box) {
    }

    final Document doc;
    final Map<String, DrawnNode> nodes = new LinkedHashMap<>();
    final List<DrawnGroup> groups = new ArrayList<>();
    final List<DrawnEdge> edges = new ArrayList<>();
    final List<DrawnLabel> labels = new ArrayList<>();
    final Map<String, DrawnLabel> labelById = new LinkedHashMap<>();
    final List<DrawnMeshEdge> meshEdges = new ArrayList<>();
    final List<DrawnMesh> meshes = new ArrayList<>();

    private Drawing(Document doc) {
        this.doc = doc;
        NodeList gs = doc.getElementsByTagNameNS(SVG, "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            List<String> classes = Arrays.asList(g.getAttribute("class").split(" "));
            if (classes.contains("node")) {
                DrawnNode n = new DrawnNode(g.getAttributeNS(Svg.NS, "id"), text(g), g.getAttribute("class"),
                        box(g.getAttributeNS(Svg.NS, "box")));
                if (nodes.put(n.id(), n) != null) {
                    throw new AssertionError("two node elements for " + n.id());
                }
            } else if (classes.contains("group")) {
                Element rect = first(g, "rect");
                groups.add(new DrawnGroup(g.getAttributeNS(Svg.NS, "id"), text(g), g.getAttribute("class"),
                        new Box(num(rect, "x"), num(rect, "y"), num(rect, "width"), num(rect, "height"))));
            } else if (classes.contains("edge") && classes.contains("mesh")) {
                if (g.getElementsByTagNameNS(SVG, "path").getLength() != 0) {
                    throw new AssertionError("a path for the mesh edge " + g.getAttribute("id"));
                }
                meshEdges.add(new DrawnMeshEdge(g.getAttribute("id"), g.getAttributeNS(Svg.NS, "from"),
                        g.getAttributeNS(Svg.NS, "to"), g.getAttributeNS(Svg.NS, "mesh"), first(g, "title").getTextContent()));
            } else if (classes.contains("mesh")) {
                Element rect = first(g, "rect");
                meshes.add(new DrawnMesh(g.getAttribute("id"), g.getAttributeNS(Svg.NS, "group"),
                        List.of(g.getAttributeNS(Svg.NS, "edges").split(" ")), text(g), first(g, "title").getTextContent(),
                        new Box(num(rect, "x"), num(rect, "y"), num(rect, "width"), num(rect, "height"))));
            } else if (classes.contains("edge")) {
                String d = first(g, "path").getAttribute("d");
                edges.add(new DrawnEdge(g.getAttribute("id"), g.getAttributeNS(Svg.NS, "from"),
                        g.getAttributeNS(Svg.NS, "to"), g.getAttributeNS(Svg.NS, "label"),
                        first(g, "title").getTextContent(), startOf(d), endOf(d)));
            } else if (classes.contains("edge-label")) {
                Element rect = first(g, "rect");
                DrawnLabel label = new DrawnLabel(g.getAttribute("id"), List.of(g.getAttributeNS(Svg.NS, "edges").split(" ")),
                        text(g), new Box(num(rect, "x"), num(rect, "y"), num(rect, "width"), num(rect, "height")));
                labels.add(label);
                labelById.put(label.domId(), label);
            }
        }
    }

    static Drawing of(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return new Drawing(builder.parse(new InputSource(new StringReader(svg))));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    DrawnLabel labelOf(DrawnEdge e) {
        return labelById.get(e.labelId());
    }

    /** The text of the element's {@code <text>} children (tspans joined), without its {@code <title>}. */
    private static String text(Element g) {
        StringBuilder b = new StringBuilder();
        NodeList texts = g.getElementsByTagNameNS(SVG, "text");
        for (int i = 0; i < texts.getLength(); i++) {
            b.append(texts.item(i).getTextContent());
        }
        return b.toString();
    }

    private static Element first(Element g, String name) {
        NodeList list = g.getElementsByTagNameNS(SVG, name);
        if (list.getLength() == 0) {
            throw new AssertionError("no " + name + " in " + g.getAttribute("id"));
        }
        return (Element) list.item(0);
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static Box box(String s) {
        String[] p = s.split(" ");
        return new Box(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Double.parseDouble(p[3]));
    }

    private static final Pattern PAIR = Pattern.compile("(-?[0-9.]+),(-?[0-9.]+)");

    private static double[] startOf(String d) {
        if (!d.startsWith("M")) {
            throw new AssertionError("path does not start with M: " + d);
        }
        Matcher m = PAIR.matcher(d);
        m.find();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private static double[] endOf(String d) {
        Matcher m = PAIR.matcher(d);
        double[] last = null;
        while (m.find()) {
            last = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
        }
        return last;
    }
}
