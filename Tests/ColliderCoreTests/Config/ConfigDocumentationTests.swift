import Foundation
import Testing

@testable import ColliderCore

/// The annotated example in `docs/config.md` must stay a valid config.
struct ConfigDocumentationTests {
    @Test func annotatedExampleLoads() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/config.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(markdown.range(of: "```yaml\n"))
        let end = try #require(markdown.range(of: "```\n", range: start.upperBound..<markdown.endIndex))
        let yaml = String(markdown[start.upperBound..<end.lowerBound])

        let loaded = try ConfigLoader.load(
            yaml: yaml, file: "/work/configs/paper-qwen3.yaml", environment: [:], purpose: .dryRun)
        #expect(loaded.config.grid.modes.count == 5)
        #expect(loaded.config.judge?.temperature == 0)
        #expect(loaded.config.endpoints["anthropic"]?.baseURL == "https://api.anthropic.com/v1")
        #expect(
            loaded.warnings.map(\.message) == [
                "environment variable OPENROUTER_API_KEY is not set; export it with the endpoint's API key",
                "environment variable ANTHROPIC_API_KEY is not set; export it with the endpoint's API key",
            ])
    }
}
