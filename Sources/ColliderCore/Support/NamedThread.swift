import Foundation

extension Thread {
    /// The longest thread name Linux keeps, in bytes.
    public static let maximumNameLength = 15

    /// Starts a thread that runs `body` under `name`, the name `top -H`, `ps -L`, `perf` and
    /// debuggers show. On Linux, Foundation keeps a name set before `start()` to itself, and the
    /// kernel takes a thread's name only from the thread itself and refuses one longer than 15
    /// bytes: so the new thread names itself first, and `name` must fit.
    public static func startNamed(_ name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        precondition(
            name.utf8.count <= maximumNameLength,
            "thread name '\(name)' is longer than Linux's \(maximumNameLength) bytes")
        let thread = Thread {
            Thread.current.name = name
            body()
        }
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }
}
