/// A titled document of tables, rendered as Markdown for `tables/*.md` and as an HTML fragment for
/// `report.html`, so both show the same cells.
struct TableDocument: Sendable, Equatable {
    /// A heading with a table and/or a paragraph.
    struct Section: Sendable, Equatable {
        var heading: String?
        var table: TextTable?
        /// Left-aligned leading columns of ``table``.
        var left = 1
        var note: String?
    }

    var title: String
    var intro: String?
    var sections: [Section]
    var footnote: String?

    var markdown: String {
        var text = "# \(title)\n"
        if let intro { text += "\n\(intro)\n" }
        for section in sections {
            if let heading = section.heading { text += "\n## \(heading)\n" }
            if let table = section.table { text += "\n" + table.markdown(left: section.left) }
            if let note = section.note { text += "\n\(note)\n" }
        }
        if let footnote { text += "\n\(footnote)\n" }
        return text
    }

    /// An HTML fragment; `level` is the heading level of the title.
    func html(level: Int = 2) -> String {
        var text = "<h\(level)>\(HTML.escape(title))</h\(level)>\n"
        if let intro { text += "<p>\(HTML.escape(intro))</p>\n" }
        for section in sections {
            if let heading = section.heading { text += "<h\(level + 1)>\(HTML.escape(heading))</h\(level + 1)>\n" }
            if let table = section.table { text += table.html(left: section.left) }
            if let note = section.note { text += "<p>\(HTML.escape(note))</p>\n" }
        }
        if let footnote { text += "<p class=\"note\">\(HTML.escape(footnote))</p>\n" }
        return text
    }
}

/// HTML escaping.
enum HTML {
    /// `&`, `<`, `>` and `"` as entities, in one pass (the report escapes every table cell).
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension TextTable {
    /// An HTML table; the first `left` columns are left-aligned, the others right.
    func html(left: Int = 1) -> String {
        func cells(_ values: [String], tag: String) -> String {
            values.enumerated().map { index, value in
                "<\(tag)\(index < left ? "" : " class=\"num\"")>\(HTML.escape(value))</\(tag)>"
            }.joined()
        }
        return "<table>\n<thead><tr>\(cells(header, tag: "th"))</tr></thead>\n<tbody>\n"
            + rows.map { "<tr>\(cells($0, tag: "td"))</tr>\n" }.joined() + "</tbody>\n</table>\n"
    }
}
