import ColliderCoordinator
import ColliderCoordinatorService
import Foundation

/// The live progress of a coordinator in this process: on a terminal one line redrawn in place
/// every second, otherwise one plain line every `logEvery` seconds; and the final line when it ends.
struct ProgressDisplay {
    let service: CoordinatorService
    /// Standard output is a terminal.
    let isTerminal = isatty(STDOUT_FILENO) == 1
    /// Seconds between lines when standard output is not a terminal.
    var logEvery = 10

    /// Samples every second until cancelled, then returns the meter; `notes` (asked every second:
    /// it restarts exited workers) supplies lines to print on their own.
    func run(notes: @escaping @Sendable () async -> [String] = { [] }) async -> ProgressMeter {
        var meter = ProgressMeter()
        var tick = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            if Task.isCancelled { break }
            tick += 1
            if let sample = try? await service.progress() { meter.record(sample) }
            let notes = await notes()
            if isTerminal {
                for note in notes { write("\r\u{1B}[2K" + note + "\n") }
                write("\r\u{1B}[2K" + ProgressLine.render(meter))
            } else {
                for note in notes { write(note + "\n") }
                if tick % logEvery == 0 { write(ProgressLine.render(meter) + "\n") }
            }
        }
        return meter
    }

    /// The last line, once the sweep has ended (on a terminal it replaces the redrawn one).
    func finish(_ meter: ProgressMeter) async {
        var meter = meter
        if let sample = try? await service.progress() { meter.record(sample) }
        write((isTerminal ? "\r\u{1B}[2K" : "") + ProgressLine.render(meter) + "\n")
    }

    private func write(_ text: String) {
        // Through `print`, so the lines keep their order with the command's other output.
        print(text, terminator: "")
        fflush(nil)  // every stream: stdout is a shared C global
    }
}
