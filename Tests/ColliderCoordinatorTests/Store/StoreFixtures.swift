import Foundation

@testable import ColliderCoordinator

/// A results folder in the temporary directory, removed by `remove()`.
struct TemporaryResults {
    let directory = FileManager.default.temporaryDirectory.appending(path: "collider-store-\(UUID().uuidString)")

    var databaseURL: URL { SweepStore.databaseURL(resultsDirectory: directory, sweepName: "demo") }

    func open(now: Date = at(0)) throws -> SweepStore {
        try SweepStore(at: databaseURL, sweepName: "demo", configJSON: "{\"name\":\"demo\"}", now: now)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
