/// A table of strings rendered as GitHub Markdown or as CSV (RFC 4180 quoting).
struct TextTable: Sendable, Equatable {
    var header: [String]
    var rows: [[String]]

    /// Markdown with escaped pipes; the first `left` columns are left-aligned, the others right.
    func markdown(left: Int = 1) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        let rule = header.indices.map { $0 < left ? "---" : "---:" }
        return line(header) + "|" + rule.joined(separator: "|") + "|\n" + rows.map(line).joined()
    }

    var csv: String {
        func field(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + value.replacing("\"", with: "\"\"") + "\"" : value
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }
}
