import ColliderCore
import Foundation
import Testing

@testable import ColliderCoordinator

struct RetryTests {
    @Test(arguments: [FailureClass.infra, .model])
    func retryableFailuresBackOffExponentiallyUpToTheCap(_ failure: FailureClass) throws {
        var harness = Harness([runTask("a")])
        var lease = try #require(harness.join(w1, slots: 1, credit: 1, at: at(0)).first).lease
        var now = 0.0
        for retry in 1...3 {
            now += 1
            harness.send(.fail(w1, lease, failure, retryable: true, reason: "boom", now: at(now)))
            #expect(harness.status("a") == .pending)
            #expect(harness.attempt("a") == retry)
            let wait = 2 * pow(2, Double(retry - 1))  // 2, 4, 8 s
            #expect(harness.state.tasks["a"]?.nextEligibleAt == at(now + wait))
            #expect(harness.send(.credit(w1, count: 1, now: at(now + wait - 0.5))).granted.isEmpty)
            now += wait
            let again = try #require(harness.send(.tick(now: at(now))).granted.first)
            #expect(again.attempt == retry)
            lease = again.lease
        }
        let last = harness.send(.fail(w1, lease, failure, retryable: true, reason: "boom", now: at(now + 1)))
        #expect(harness.status("a") == .failed(failure, reason: "boom"))
        #expect(last.summary?.failures.map(\.taskID) == ["a"])
    }

    @Test func capsArePerFailureClass() throws {
        let policy = SchedulerPolicy(retryLimits: [.infra: 2, .model: 1], backoffBase: 1)
        var harness = Harness([runTask("a")], policy: policy)
        var lease = try #require(harness.join(w1, slots: 1, credit: 1, at: at(0)).first).lease
        harness.send(.fail(w1, lease, .infra, retryable: true, reason: "503", now: at(1)))
        lease = try #require(harness.send(.credit(w1, count: 1, now: at(2))).granted.first).lease
        // Attempt 1 may still be retried for infra (limit 2) but not for model (limit 1).
        harness.send(.fail(w1, lease, .model, retryable: true, reason: "unparseable", now: at(3)))
        #expect(harness.status("a") == .failed(.model, reason: "unparseable"))
    }

    @Test(arguments: [FailureClass.config, .bug])
    func configAndBugFailuresAreNotRetried(_ failure: FailureClass) throws {
        var harness = Harness([runTask("a")])
        let lease = try #require(harness.join(w1, credit: 1, at: at(0)).first).lease
        let actions = harness.send(.fail(w1, lease, failure, retryable: true, reason: "400 bad model", now: at(1)))
        #expect(harness.status("a") == .failed(failure, reason: "400 bad model"))
        #expect(harness.attempt("a") == 0)
        #expect(actions.contains(.ack(w1, lease, .fail)))
    }

    @Test func aFailureMarkedNotRetryableIsFinal() throws {
        var harness = Harness([runTask("a")])
        let lease = try #require(harness.join(w1, credit: 1, at: at(0)).first).lease
        harness.send(.fail(w1, lease, .infra, retryable: false, reason: "quota gone", now: at(1)))
        #expect(harness.status("a") == .failed(.infra, reason: "quota gone"))
    }

    @Test func aFailedDependencyBlocksEveryDependent() throws {
        var harness = Harness([
            runTask("a"), runTask("b", dependsOn: ["a"]), runTask("c", dependsOn: ["b"]), runTask("d"),
        ])
        let granted = harness.join(w1, credit: 2, at: at(0))
        #expect(granted.map(\.taskID) == ["a", "d"])
        harness.send(.fail(w1, granted[0].lease, .config, retryable: false, reason: "bad key", now: at(1)))
        #expect(harness.status("b") == .blocked(dependency: "a"))
        #expect(harness.status("c") == .blocked(dependency: "a"))
        let end = harness.send(.result(w1, granted[1].lease, resultReport(), now: at(2)))
        let summary = try #require(end.summary)
        #expect(summary.counts == ["done": 1, "failed": 1, "blocked": 2])
        #expect(!summary.succeeded)
    }

    @Test func duplicateResultIsRecordedWithItsCostButCountedOnce() throws {
        var harness = Harness([runTask("a"), runTask("b")])
        let first = try #require(harness.join(w1, slots: 1, credit: 1, at: at(0)).first)
        harness.send(.progress(w1, first.lease, progress(0, dollars: 0.25), now: at(1)))
        // w1 goes silent; its lease expires and the task moves to w2.
        harness.send(.tick(now: at(7)))
        let second = try #require(harness.join(w2, slots: 1, credit: 1, at: at(7)).first)
        #expect(second.taskID == "a" && second.attempt == 1)

        // The old lease's result arrives first: it wins, and w2 is told to stop.
        let won = harness.send(.result(w1, first.lease, resultReport(dollars: 0.5), now: at(8)))
        #expect(won.cancels.map(\.worker) == [w2])
        #expect(won.persisted.contains { if case .result(let r) = $0 { r.lease == first.lease } else { false } })

        let late = harness.send(.result(w2, second.lease, resultReport(dollars: 0.75), now: at(9)))
        let duplicate = late.persisted.compactMap { change -> StoredResult? in
            if case .duplicateResult(let result) = change { result } else { nil }
        }
        #expect(duplicate.map(\.costUSD) == [0.75])
        #expect(!late.persisted.contains { if case .result = $0 { true } else { false } })
        #expect(late.contains(.ack(w2, second.lease, .result)))
        #expect(harness.state.count("done") == 1)
        #expect(harness.state.spentUSD == 1.5)
    }
}
