import ArgumentParser
import Foundation

/// `--parent-pid`: children that `collider sweep` starts end with it, even when it is SIGKILLed.
struct ParentWatchOptions: ParsableArguments {
    @Option(
        name: .customLong("parent-pid"),
        help: ArgumentHelp("Exit when this process stops being the parent (set by `collider sweep`).", visibility: .hidden))
    var parentPID: Int32?

    /// Starts the watch when `--parent-pid` was given; keep the result alive while running.
    func start() -> (any DispatchSourceTimer)? {
        guard let parentPID else { return nil }
        // Linux re-parents an orphan; `prctl(PR_SET_PDEATHSIG)` is variadic and not callable
        // from Swift, so the parent id is polled instead.
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        timer.setEventHandler {
            if getppid() != parentPID { Foundation.exit(0) }
        }
        timer.resume()
        return timer
    }
}
