import ColliderCore
import Foundation
import Testing

struct NamedThreadTests {
    /// The kernel's name for the calling thread.
    static func kernelName() -> String? {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?
            .trimmingCharacters(in: .newlines)
    }

    @Test func theKernelSeesTheName() async {
        let seen = await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            Thread.startNamed("store-writer") { continuation.resume(returning: Self.kernelName()) }
        }
        #expect(seen == "store-writer")
    }

    @Test func fifteenBytesFit() async {
        let name = String(repeating: "n", count: Thread.maximumNameLength)
        let seen = await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            Thread.startNamed(name, stackSize: 1 << 20) { continuation.resume(returning: Self.kernelName()) }
        }
        #expect(seen == name)
    }
}
