import Foundation
import Testing

@testable import ColliderCoordinator

/// Events that arrive together: one set of changes to commit, each event's own answers, and the
/// leases the batch's credit bought once after it.
struct BatchTests {
    @Test func aBatchReachesTheStateOfItsEventsOneByOne() {
        let tasks = (0..<6).map { runTask("t\($0)") }
        let events: [SchedulerEvent] = [
            .workerHello(w1, incarnation: "i1", slots: 2, heldLeases: [], now: at(0)),
            .workerHello(w2, incarnation: "i1", slots: 2, heldLeases: [], now: at(0)),
            .credit(w1, count: 2, now: at(0)),
            .credit(w2, count: 1, now: at(0)),
        ]
        var single = Harness(tasks)
        let oneByOne = events.flatMap { single.send($0).granted }
        var batched = Harness(tasks)
        let batch = batched.state.handle(batch: events)

        #expect(batch.replies.count == events.count)
        #expect(batch.replies.allSatisfy { $0.granted.isEmpty })
        #expect(batch.actions.granted.map(\.taskID) == oneByOne.map(\.taskID))
        #expect(Set(batch.actions.granted.map(\.worker)) == [w1, w2])
        for id in tasks.map(\.id) { #expect(batched.status(id) == single.status(id)) }
        #expect(batched.state.workers[w1]?.credit == 0)
        #expect(batched.state.workers[w2]?.credit == 0)
        // Every lease granted is among the batch's changes to commit.
        let opened = batch.changes.compactMap { change -> String? in
            guard case .leaseOpened(let lease) = change else { return nil }
            return lease.taskID
        }
        #expect(opened == batch.actions.granted.map(\.taskID))
    }

    @Test func eachEventKeepsItsOwnAcknowledgement() {
        var harness = Harness((0..<4).map { runTask("t\($0)") })
        let granted = harness.join(w1, slots: 2, credit: 2, at: at(0))
        #expect(granted.count == 2)
        let batch = harness.state.handle(batch: [
            .result(w1, granted[0].lease, resultReport(), now: at(1)),
            .credit(w1, count: 1, now: at(1)),
            .result(w1, granted[1].lease, resultReport(), now: at(1)),
            .credit(w1, count: 1, now: at(1)),
        ])
        #expect(batch.replies[0] == [.ack(w1, granted[0].lease, .result)])
        #expect(batch.replies[1].isEmpty)
        #expect(batch.replies[2] == [.ack(w1, granted[1].lease, .result)])
        #expect(batch.replies[3].isEmpty)
        #expect(batch.actions.granted.map(\.taskID) == ["t2", "t3"])
        #expect(harness.status("t0") == .done)
        #expect(harness.status("t1") == .done)
        let results = batch.changes.filter {
            if case .result = $0 { return true }
            return false
        }
        #expect(results.count == 2)
    }

    @Test func theBatchThatEndsTheSweepSaysSoOnce() {
        var harness = Harness([runTask("a")])
        let granted = harness.join(w1, credit: 1, at: at(0))
        let batch = harness.state.handle(batch: [
            .result(w1, granted[0].lease, resultReport(), now: at(1)),
            .credit(w1, count: 1, now: at(1)),
        ])
        #expect(batch.actions.summary?.reason == .completed)
        #expect(batch.replies.joined().contains { if case .sweepFinished = $0 { true } else { false } } == false)
        #expect(harness.state.handle(batch: [.credit(w1, count: 1, now: at(2))]).actions.summary == nil)
    }

    @Test func anEmptyBatchChangesNothing() {
        var harness = Harness([runTask("a")])
        let batch = harness.state.handle(batch: [])
        #expect(batch == SchedulerBatch(changes: [], replies: [], actions: []))
        #expect(harness.status("a") == .pending)
    }

    @Test func aPingOnlyMovesLastHeard() {
        var harness = Harness([runTask("a")])
        harness.join(w1, credit: 0, at: at(0))
        harness.state.heard(w1, now: at(3))
        #expect(harness.state.workers[w1]?.lastHeard == at(3))
        // A worker that never said HELLO is not created by a PING.
        harness.state.heard(w2, now: at(3))
        #expect(harness.state.workers[w2] == nil)
        // Heard at 3 s, so it is not silent at 7 s (timeout 5 s) but is at 8.5 s.
        #expect(harness.send(.tick(now: at(7))).persisted.isEmpty)
        #expect(harness.state.workers[w1] != nil)
        harness.send(.tick(now: at(8.5)))
        #expect(harness.state.workers[w1] == nil)
    }
}

/// The credit index finds the worker with the most credit (ties to the smallest id) and shrugs
/// off workers that left or came back without it being told.
struct WorkerCreditIndexTests {
    @Test func mostCreditFirstThenSmallestID() {
        var credit: [WorkerID: Int] = [w1: 1, w2: 3, w3: 3]
        var index = WorkerCreditIndex()
        for (worker, amount) in credit { index.move(worker, from: 0, to: amount) }
        #expect(index.best { credit[$0] } == w2)
        index.move(w2, from: 3, to: 2)
        credit[w2] = 2
        #expect(index.best { credit[$0] } == w3)
        index.move(w3, from: 3, to: 0)
        credit[w3] = 0
        #expect(index.best { credit[$0] } == w2)
        index.move(w2, from: 2, to: 0)
        credit[w2] = 0
        index.move(w1, from: 1, to: 0)
        credit[w1] = 0
        #expect(index.best { credit[$0] } == nil)
    }

    @Test func staleEntriesAreDroppedAndNeverDoubled() {
        var credit: [WorkerID: Int] = [w1: 2, w2: 1]
        var index = WorkerCreditIndex()
        index.move(w1, from: 0, to: 2)
        index.move(w2, from: 0, to: 1)
        // w1 is dropped without the index being told.
        credit[w1] = nil
        #expect(index.best { credit[$0] } == w2)
        // w1 comes back (a new record with no credit), then gets credit 2 again: one entry.
        credit[w1] = 2
        index.move(w1, from: 0, to: 2)
        index.move(w1, from: 0, to: 2)
        #expect(index.best { credit[$0] } == w1)
        index.move(w1, from: 2, to: 0)
        credit[w1] = 0
        #expect(index.best { credit[$0] } == w2)
    }

    @Test func matchesAScanOverManyWorkers() {
        var credit: [WorkerID: Int] = [:]
        var index = WorkerCreditIndex()
        // A fixed linear congruential sequence: the same run every time.
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        let ids = (0..<50).map { WorkerID("w\($0)") }
        for step in 0..<2000 {
            let worker = ids[Int(next() % 50)]
            let old = credit[worker] ?? 0
            let new = step % 3 == 0 ? max(0, old - 1) : Int(next() % 4)
            credit[worker] = new
            index.move(worker, from: old, to: new)
            let scan = credit.filter { $0.value > 0 }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            #expect(index.best { credit[$0] } == scan)
        }
    }
}
