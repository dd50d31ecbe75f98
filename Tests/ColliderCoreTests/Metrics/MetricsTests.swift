import Testing

/// Parent suite of the metric tests (reference-pipeline.md §5), so that
/// `swift test --filter Metrics` selects all of them.
@Suite enum MetricsTests {}
