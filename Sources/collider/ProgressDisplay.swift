import ColliderCoordinator
import ColliderCoordinatorService
import Foundation

/// The live progress of a coordinator in this process: on a terminal one line redrawn in place
/// every second, otherwise one plain line every `logInterval`; and the final line when it ends.
struct ProgressDisplay {
    let service: CoordinatorService
    /// Standard output is a terminal.
    let isTerminal = isatty(STDOUT_FILENO) == 1
    var logInterval: Duration = .seconds(10)

    /// Redraws until cancelled; `notes` supplies lines to print on their own (worker restarts).
    func run(notes: @escaping @Sendable () async -> [String] = { [] }) async {
        var meter = ProgressMeter()
        let period: Duration = isTerminal ? .seconds(1) : logInterval
        while !Task.isCancelled {
            try? await Task.sleep(for: period)
            if Task.isCancelled { break }
            if let sample = try? await service.progress() { meter.record(sample) }
            let notes = await notes()
            if isTerminal {
                for note in notes { write("\r\u{1B}[2K" + note + "\n") }
                write("\r\u{1B}[2K" + ProgressLine.render(meter))
            } else {
                for note in notes { write(note + "\n") }
                write(ProgressLine.render(meter) + "\n")
            }
        }
    }

    /// The last line, once the sweep has ended (on a terminal it replaces the redrawn one).
    func finish() async {
        var meter = ProgressMeter()
        if let sample = try? await service.progress() { meter.record(sample) }
        write((isTerminal ? "\r\u{1B}[2K" : "") + ProgressLine.render(meter) + "\n")
    }

    private func write(_ text: String) {
        // Through `print`, so the lines keep their order with the command's other output.
        print(text, terminator: "")
        fflush(nil)  // every stream: stdout is a shared C global
    }
}
