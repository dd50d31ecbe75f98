import ColliderCore
import ColliderLLM
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import Foundation
import Synchronization
import Testing

/// `TaskExecutor` against the in-process simulated provider.
@Suite(.timeLimit(.minutes(2)))
struct TaskExecutorTests {
    @Test func everyTaskRunsEndToEndAndASecondPassSendsNothing() async throws {
        let fixtures = try SweepFixtures()
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: fixtures.config())
        #expect(sweep.tasks.count == 6)  // 4 Single-Task runs, 1 CCC run, 1 cherry-pick
        let llm = try await LLMProvisioner.provision(
            endpoints: sweep.config.endpoints, environment: [:], logger: SweepFixtures.logger)
        let executor = TaskExecutor(sweep: sweep, llm: llm.client, results: fixtures.results)

        let first = Mutex<[SequentialResult]>([])
        let failed = await executor.executePending(sweep.tasks) { result in first.withLock { $0.append(result) } }
        #expect(failed == 0)
        let attempts = llm.ledger.snapshot.total.attempts
        #expect(attempts > 0)
        for task in sweep.tasks {
            #expect(TaskRecords.isDone(results: fixtures.results, taskID: task.id))
        }
        let cherryPick = try #require(sweep.tasks.first { $0.kind == .cherryPick })
        let folder = TaskRecords.directory(results: fixtures.results, taskID: cherryPick.id)
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "result.json").path))
        let run = try #require(sweep.tasks.first { $0.mode == .CCC })
        #expect(try TaskRecords.steps(results: fixtures.results, taskID: run.id).map(\.step) == [0, 1])

        let second = Mutex<[SequentialResult]>([])
        #expect(await executor.executePending(sweep.tasks) { result in second.withLock { $0.append(result) } } == 0)
        #expect(llm.ledger.snapshot.total.attempts == attempts)
        #expect(second.withLock { $0.allSatisfy { if case .alreadyDone = $0 { true } else { false } } })
        await llm.shutdown()
    }

    @Test func aRunReplayedFromItsJournalSendsNoRequestAndWritesTheSameSteps() async throws {
        let fixtures = try SweepFixtures()
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: fixtures.config())
        let run = try #require(sweep.tasks.first { $0.mode == .CCC })
        let llm = try await LLMProvisioner.provision(
            endpoints: sweep.config.endpoints, environment: [:], logger: SweepFixtures.logger)
        let executor = TaskExecutor(sweep: sweep, llm: llm.client, results: fixtures.results)

        let reports = Mutex<[StepProgress]>([])
        let outcome = try await executor.execute(run) { progress in reports.withLock { $0.append(progress) } }
        #expect(reports.withLock { $0.filter { $0.checkpoint != nil }.map(\.step) } == [0, 1])
        let journal = reports.withLock { $0.flatMap(\.journal) } + outcome.journal
        #expect(journal.count == outcome.sentCalls && outcome.sentCalls == outcome.stats.calls.total)
        let steps = try String(
            contentsOf: TaskRecords.directory(results: fixtures.results, taskID: run.id).appending(path: "steps.jsonl"),
            encoding: .utf8)

        try FileManager.default.removeItem(at: TaskRecords.directory(results: fixtures.results, taskID: run.id))
        let attempts = llm.ledger.snapshot.total.attempts
        let replay = try await executor.execute(run, journal: journal)
        #expect(replay.sentCalls == 0 && replay.replayedCalls == outcome.sentCalls)
        #expect(llm.ledger.snapshot.total.attempts == attempts)
        let replayedSteps = try String(
            contentsOf: TaskRecords.directory(results: fixtures.results, taskID: run.id).appending(path: "steps.jsonl"),
            encoding: .utf8)
        #expect(replayedSteps.split(separator: "\n").count == steps.split(separator: "\n").count)
        await llm.shutdown()
    }
}

/// The LLM-judged diagnostics read their run's records and write their own.
@Suite(.timeLimit(.minutes(2)))
struct DiagnosticTaskTests {
    @Test func bothDiagnosticsJudgeTheirRunAfterIt() async throws {
        let fixtures = try SweepFixtures(modes: "CCC", diagnostics: true)
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: fixtures.config())
        #expect(sweep.tasks.map(\.kind) == [.run, .gradientSpecificity, .feedbackAdherence])
        let llm = try await LLMProvisioner.provision(
            endpoints: sweep.config.endpoints, environment: [:], logger: SweepFixtures.logger)
        let executor = TaskExecutor(sweep: sweep, llm: llm.client, results: fixtures.results)
        #expect(await executor.executePending(sweep.tasks) { _ in } == 0)
        for task in sweep.tasks.dropFirst() {
            let folder = TaskRecords.directory(results: fixtures.results, taskID: task.id)
            let result = try Data(contentsOf: folder.appending(path: "result.json"))
            let decoded = try JSONDecoder().decode(Diagnostic.Result.self, from: result)
            #expect(decoded.items.count == 4)  // one judged step × four criteria
            #expect(TaskRecords.isDone(results: fixtures.results, taskID: task.id))
        }
        await llm.shutdown()
    }
}
