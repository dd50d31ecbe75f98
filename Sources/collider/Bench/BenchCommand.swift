import ArgumentParser

/// `collider bench`: the benchmarks of `docs/benchmarks.md`. They print figures, not pass/fail:
/// the targets and their reasons live in the benchmark book.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the LLM client, the fleet rate budget and the coordinator on loopback.",
        subcommands: [
            RateLimitBenchCommand.self, ClientBenchCommand.self, FleetBenchCommand.self, DispatchBenchCommand.self,
            ReleaseBenchCommand.self, RestartBenchCommand.self, StoreBenchCommand.self,
        ])
}

/// Options every benchmark shares.
struct BenchOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object instead of text.")
    var json = false
}
