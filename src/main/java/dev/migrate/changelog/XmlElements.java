package dev.migrate.changelog;

import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.yaml.snakeyaml.error.Mark;

/**
 * An XML file read into a small element tree, each element and attribute with its line and column.
 * Text is trimmed, as Liquibase trims it; CDATA and entities arrive as plain text.
 */
final class XmlElements {
  /** One attribute; namespaced ones ({@code xsi:schemaLocation}) are left out. */
  record Attribute(String name, String value, Mark at) {}

  /** One element: its local name, attributes, child elements and its own (trimmed) text. */
  record Element(
      String name, Mark at, List<Attribute> attributes, List<Element> children, String text) {
    String attribute(String key) {
      return attributes.stream()
          .filter(a -> a.name().equals(key))
          .map(Attribute::value)
          .findFirst()
          .orElse(null);
    }
  }

  private static final int MAX_DEPTH = 100;

  private XmlElements() {}

  static Element read(String text, String file) {
    Nodes nodes = new Nodes(file);
    Lines lines = new Lines(text);
    Deque<Builder> open = new ArrayDeque<>();
    Element root = null;
    try {
      XMLStreamReader reader = factory().createXMLStreamReader(new StringReader(text));
      while (reader.hasNext()) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            // Reading the tree recurses once per level: refuse a depth no changelog has before
            // it becomes a StackOverflowError.
            if (open.size() >= MAX_DEPTH) {
              throw MigrateException.invalid(
                  new Location(
                      file,
                      reader.getLocation().getLineNumber(),
                      reader.getLocation().getColumnNumber()),
                  "elements nested more than "
                      + MAX_DEPTH
                      + " deep; a changelog needs far fewer levels: close the elements opened above");
            }
            int end =
                lines.offset(
                    reader.getLocation().getLineNumber(), reader.getLocation().getColumnNumber());
            int start = text.lastIndexOf('<', Math.max(0, Math.min(end, text.length()) - 1));
            start = Math.max(start, 0);
            String tag = text.substring(start, Math.max(start, Math.min(end, text.length())));
            Builder element = new Builder(reader.getLocalName(), lines.mark(nodes, start));
            for (int i = 0; i < reader.getAttributeCount(); i++) {
              String namespace = reader.getAttributeNamespace(i);
              if (namespace != null && !namespace.isEmpty()) {
                continue;
              }
              String name = reader.getAttributeLocalName(i);
              Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "\\s*=").matcher(tag);
              int at = m.find() ? start + m.start() + 1 : start;
              element.attributes.add(
                  new Attribute(name, reader.getAttributeValue(i), lines.mark(nodes, at)));
            }
            if (!open.isEmpty()) {
              open.peek().children.add(element);
            }
            open.push(element);
          }
          case XMLStreamConstants.CHARACTERS,
              XMLStreamConstants.CDATA,
              XMLStreamConstants.SPACE -> {
            if (!open.isEmpty()) {
              open.peek().text.append(reader.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            Builder done = open.pop();
            Element element = done.build();
            if (open.isEmpty()) {
              root = element;
            } else {
              List<Object> siblings = open.peek().children;
              siblings.set(
                  siblings.size() - 1,
                  element); // the element just closed is its parent's last child
            }
          }
          default -> {}
        }
      }
    } catch (XMLStreamException e) {
      var location = e.getLocation();
      Location at =
          location == null
              ? new Location(file, 1, 1)
              : new Location(
                  file,
                  Math.max(1, location.getLineNumber()),
                  Math.max(1, location.getColumnNumber()));
      String message = e.getMessage();
      int detail = message == null ? -1 : message.indexOf("Message: ");
      throw MigrateException.invalid(
          at, "invalid XML: " + (detail >= 0 ? message.substring(detail + 9) : message));
    }
    if (root == null) {
      throw MigrateException.invalid(new Location(file, 1, 1), "the file is empty");
    }
    return root;
  }

  // A changelog names no DTD and needs no entity from outside the file: both are turned off, so
  // reading a changelog can neither fetch a URL nor read a local file through an entity.
  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  private static final class Builder {
    private final String name;
    private final Mark at;
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<Object> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    Builder(String name, Mark at) {
      this.name = name;
      this.at = at;
    }

    Element build() {
      List<Element> elements = new ArrayList<>();
      for (Object child : children) {
        elements.add((Element) child);
      }
      String trimmed = text.toString().trim();
      return new Element(
          name,
          at,
          List.copyOf(attributes),
          List.copyOf(elements),
          trimmed.isEmpty() ? null : trimmed);
    }
  }

  /** Turns the parser's line and column into an offset in the text, and an offset into a mark. */
  private static final class Lines {
    private final List<Integer> starts = new ArrayList<>();

    Lines(String text) {
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts.add(i + 1);
        }
      }
    }

    int offset(int line, int column) {
      if (line < 1) {
        return 0;
      }
      int index = Math.min(line, starts.size()) - 1;
      return starts.get(index) + Math.max(0, column - 1);
    }

    Mark mark(Nodes nodes, int offset) {
      int line = 0;
      int low = 0;
      int high = starts.size() - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        if (starts.get(middle) <= offset) {
          line = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return nodes.mark(line + 1, offset - starts.get(line) + 1);
    }
  }
}
