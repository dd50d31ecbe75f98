import Foundation

/// A minimal SVG writer: elements appended as text, coordinates with one decimal.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func number(_ value: Double) -> String { ReportFormat.fixed(value, 1) }

    static func escape(_ text: String) -> String { HTML.escape(text) }

    private static func points(_ points: [(Double, Double)]) -> String {
        points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
    }

    mutating func raw(_ element: String) { body += element + "\n" }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        let dashed = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        raw(
            "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" "
                + "stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(dashed)/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil, title: String) {
        let dashed = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        raw(
            "<polyline class=\"series\" points=\"\(Self.points(points))\" fill=\"none\" stroke=\"\(stroke)\" "
                + "stroke-width=\"\(Self.number(width))\"\(dashed)><title>\(Self.escape(title))</title></polyline>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double, title: String) {
        raw(
            "<polygon points=\"\(Self.points(points))\" fill=\"\(fill)\" fill-opacity=\"\(ReportFormat.fixed(opacity, 2))\" "
                + "stroke=\"none\"><title>\(Self.escape(title))</title></polygon>")
    }

    /// A rectangle; `kind` becomes its class (`bar` marks a data bar), `title` its tooltip.
    mutating func rect(
        _ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, opacity: Double = 1,
        kind: String? = nil, title: String? = nil
    ) {
        let kindAttribute = kind.map { " class=\"\($0)\"" } ?? ""
        let fillOpacity = opacity < 1 ? " fill-opacity=\"\(ReportFormat.fixed(opacity, 2))\"" : ""
        let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        raw(
            "<rect\(kindAttribute) x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
                + "height=\"\(Self.number(height))\" fill=\"\(fill)\"\(fillOpacity)>\(tooltip)</rect>")
    }

    /// A filled circle: a data point's marker, visible even when its series has a single step.
    mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String) {
        raw("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>")
    }

    mutating func text(_ x: Double, _ y: Double, _ text: String, anchor: String = "start", size: Double = 11, rotate: Bool = false) {
        let transform = rotate ? " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" : ""
        raw(
            "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" "
                + "text-anchor=\"\(anchor)\"\(transform)>\(Self.escape(text))</text>")
    }

    /// A five-pointed star centred at (x, y).
    mutating func star(_ x: Double, _ y: Double, radius: Double, fill: String, title: String) {
        let points = (0..<10).map { index -> (Double, Double) in
            let angle = Double(index) * Double.pi / 5 - Double.pi / 2
            let r = index.isMultiple(of: 2) ? radius : radius * 0.45
            return (x + r * cos(angle), y + r * sin(angle))
        }
        polygon(points, fill: fill, opacity: 1, title: title)
    }

    /// The whole document; `label` becomes its accessible name.
    func document(label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" role=\"img\" "
            + "aria-label=\"\(Self.escape(label))\" font-family=\"sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n"
    }
}
