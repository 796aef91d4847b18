import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../../src/core/ingestion/parse";
import { htmlToText } from "../../../../src/core/ingestion/parse/html";

describe("parseDocument: HTML", () => {
  it("drops script, style and noscript content", async () => {
    const html = `<html><head><title>Doc</title><style>body{color:red}</style>
      <script>var secret = "do not index";</script></head>
      <body><p>Visible text.</p><noscript>enable js</noscript><script type="module">alert(1)</script></body></html>`;
    const result = await parseDocument(new TextEncoder().encode(html), "page.HTML");
    expect(result).toEqual({ ok: true, document: { text: "Doc\n\nVisible text.", pageStarts: null } });
  });

  it("turns block elements into line breaks and paragraphs into blank lines", () => {
    const html = "<h1>Title</h1><p>First   paragraph\n spans lines.</p><div>one</div><div>two</div><ul><li>a</li><li>b</li></ul>x<br>y";
    expect(htmlToText(html)).toBe("Title\n\nFirst paragraph spans lines.\n\none\ntwo\n\na\nb\n\nx\ny");
  });

  it("decodes entities, keeps <pre> whitespace and separates table cells", () => {
    expect(htmlToText("<p>Fish &amp; chips &lt;3 &eacute;&#233;</p>")).toBe("Fish & chips <3 éé");
    expect(htmlToText("<pre>  a\n    b</pre>")).toBe("  a\n    b");
    expect(htmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")).toBe("a\tb\nc\td");
  });

  it("keeps inline elements on one line with their spaces", () => {
    expect(htmlToText("<p>A <b>bold</b> and <a href='#'>linked</a> word.</p>")).toBe("A bold and linked word.");
  });
});
