import Testing

@testable import ColliderReport

struct HTMLEscapeTests {
    @Test func escapesTheFourCharactersOnce() {
        #expect(HTML.escape(#"a < b && "c" > d"#) == "a &lt; b &amp;&amp; &quot;c&quot; &gt; d")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
        #expect(HTML.escape("qwen3/SSS/mae — ünïcode 🙂") == "qwen3/SSS/mae — ünïcode 🙂")
        #expect(HTML.escape("") == "")
    }
}
