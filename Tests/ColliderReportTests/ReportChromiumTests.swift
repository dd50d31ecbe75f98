import ColliderCore
@testable import ColliderReport
import Foundation
import Testing

/// `report.html` in a real browser: headless Chromium loads the page written from a fixture store,
/// its DOM must hold every plot with its data, and its screenshot must be a PNG of the window's
/// size that is not blank and shows the specificity bars' colours. Skipped without chromium,
/// except on CI (`CI=true`), where that is a failure.
@Suite(.enabled(if: HeadlessChromium.shouldRun, HeadlessChromium.skipReason), .serialized, .timeLimit(.minutes(15)))
struct ReportChromiumTests {
    static let width = 1280
    static let height = 4000

    @Test func reportRendersEveryPlotWithItsDataAndIsNotBlank() async throws {
        let chromium = try HeadlessChromium.require()
        defer { chromium.remove() }
        let fixture = try await ResultsFolderFixture.make(modes: [.single, .SSS, .CCC], diagnostics: true)
        defer { fixture.remove() }
        let outcome = try ReportWriter.generate(directory: fixture.directory, environment: [:])
        let plots = outcome.files.filter { $0.hasPrefix("plots/") }.map { String($0.dropFirst("plots/".count)) }
        #expect(plots.filter { $0.hasPrefix("trajectory_") }.count == 3)
        #expect(plots.filter { $0.hasPrefix("specificity_") }.count == 1)
        let page = fixture.directory.appending(path: "report.html")

        let dom = try await chromium.dumpDOM(page)
        #expect(dom.contains("<h1>Sweep fixture</h1>"), "Chromium's DOM lacks the page's heading")
        for plot in plots {
            let figure = try #require(Self.figure(plot, in: dom), "the rendered DOM has no <figure id=\"\(plot)\"> with an <svg>")
            if plot.hasPrefix("trajectory_") {
                // Four criteria and the task average, plus the hypervolume outside Single-Task.
                let lines = Self.polylinePointCounts(figure)
                let expected = plot.contains("_single_") ? 5 : 6
                #expect(lines.count == expected, "\(plot): \(lines.count) data lines after rendering, expected \(expected)")
                #expect(lines.allSatisfy { $0 >= 2 }, "\(plot): a data line has fewer than two points: \(lines)")
            } else {
                // Three modes, each with an all-criteria bar and one per criterion.
                let bars = Self.barHeights(figure)
                #expect(bars.count == 15, "\(plot): \(bars.count) bars after rendering, expected 15")
                #expect(bars.allSatisfy { $0 > 0 }, "\(plot): a bar has no height: \(bars)")
            }
        }

        let screenshot = chromium.scratch.appending(path: "report.png")
        try await chromium.screenshot(page, to: screenshot, width: Self.width, height: Self.height)
        let colors = ["444444"] + TrajectoryPlot.palette.prefix(4).map { String($0.dropFirst()) }
        let stats = try Self.check(screenshot, colors: colors)
        #expect(stats.width == Self.width && stats.height == Self.height)
        #expect(stats.distinctColors >= 16, "the screenshot has only \(stats.distinctColors) colours")
        #expect(stats.dominantShare < 0.98, "one colour covers \(stats.dominantShare) of the screenshot")
        for color in colors {
            #expect((stats.colors[color] ?? 0) >= 50, "the screenshot has \(stats.colors[color] ?? 0) pixels of #\(color), a bar colour")
        }
    }

    /// The `<figure id="name">…</figure>` of a plot, when it holds an `<svg>`.
    static func figure(_ name: String, in dom: String) -> Substring? {
        guard let start = dom.range(of: "<figure id=\"\(name)\">"),
            let end = dom[start.upperBound...].range(of: "</figure>")
        else { return nil }
        let figure = dom[start.lowerBound..<end.upperBound]
        return figure.contains("<svg") ? figure : nil
    }

    /// The number of points of every `<polyline class="series">`.
    static func polylinePointCounts(_ figure: Substring) -> [Int] {
        figure.matches(of: /<polyline class="series" points="([^"]*)"/).map { match in
            match.output.1.split(separator: " ").filter { $0.contains(",") }.count
        }
    }

    /// The height of every `<rect class="bar">`.
    static func barHeights(_ figure: Substring) -> [Double] {
        figure.matches(of: /<rect class="bar"[^>]* height="([^"]*)"/).map { Double($0.output.1) ?? 0 }
    }

    struct ScreenshotStats: Decodable {
        var width: Int
        var height: Int
        var distinctColors: Int
        var dominantShare: Double
        var colors: [String: Int]

        enum CodingKeys: String, CodingKey {
            case width, height, colors
            case distinctColors = "distinct_colors"
            case dominantShare = "dominant_share"
        }
    }

    /// Runs scripts/check-screenshot.py, which decodes the PNG and fails on a blank or mis-sized one.
    static func check(_ png: URL, colors: [String]) throws -> ScreenshotStats {
        let script = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "scripts/check-screenshot.py")
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", script.path, png.path, "--width", "\(width)", "--height", "\(height)"]
            + colors.flatMap { ["--color", $0] }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/check-screenshot.py rejected the screenshot: \(stderr)")
        return try JSONDecoder().decode(ScreenshotStats.self, from: stdout)
    }
}
