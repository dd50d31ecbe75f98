import Testing

@testable import ColliderReport

struct ReportFormatTests {
    @Test func fixedNeverPrintsNegativeZero() {
        #expect(ReportFormat.fixed(-0.0001) == "0.000")
        #expect(ReportFormat.fixed(-0.25, 2) == "-0.25")
        #expect(ReportFormat.signed(0) == "+0.000")
        #expect(ReportFormat.signed(-0.0312) == "-0.031")
    }

    @Test func tablesEscapeMarkdownAndQuoteCSV() {
        let table = TextTable(header: ["a", "b"], rows: [["x|y", "1,2"]])
        #expect(table.markdown() == "| a | b |\n|---|---:|\n| x\\|y | 1,2 |\n")
        #expect(table.csv == "a,b\nx|y,\"1,2\"\n")
    }
}
