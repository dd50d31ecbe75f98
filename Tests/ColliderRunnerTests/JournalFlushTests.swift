import ColliderCore
import ColliderLLM
import ColliderPipeline
import ColliderRunner
import ColliderTesting
import Foundation
import Synchronization
import Testing

/// Completed calls reach the progress callback while the task still runs, analyses included.
@Suite(.timeLimit(.minutes(2)))
struct JournalFlushTests {
    /// Answers the first call at once, then holds every later call until the first one was reported
    /// (polling, bounded): so the task can only finish if it reports calls in between.
    final class HoldUntilReported: LLM {
        let inner: any LLM
        let reported = Mutex(0)
        let calls = Mutex(0)
        let waitedOut = Mutex(false)

        init(_ inner: any LLM) { self.inner = inner }

        func complete(_ request: LLMRequest) async throws(LLMError) -> LLMReply {
            let number = calls.withLock { count in
                count += 1
                return count
            }
            if number > 1 {
                var polls = 0
                while reported.withLock({ $0 }) == 0 && polls < 3000 {
                    try? await Task.sleep(for: .milliseconds(10))
                    polls += 1
                }
                if polls == 3000 { waitedOut.withLock { $0 = true } }
            }
            return try await inner.complete(request)
        }
    }

    @Test func aDiagnosticReportsItsCallsBeforeItEnds() async throws {
        let fixtures = try SweepFixtures(modes: "CCC", diagnostics: true)
        defer { fixtures.remove() }
        let sweep = try SweepContext(config: fixtures.config())
        let llm = try await LLMProvisioner.provision(
            endpoints: sweep.config.endpoints, environment: [:], logger: SweepFixtures.logger)
        let plain = TaskExecutor(sweep: sweep, llm: llm.client, results: fixtures.results)
        let run = try #require(sweep.tasks.first { $0.kind == .run })
        _ = try await plain.execute(run)

        let held = HoldUntilReported(llm.client)
        let executor = TaskExecutor(sweep: sweep, llm: held, results: fixtures.results)
        let diagnostic = try #require(sweep.tasks.first { $0.kind == .gradientSpecificity })
        let reports = Mutex<[StepProgress]>([])
        let outcome = try await executor.execute(diagnostic) { progress in
            reports.withLock { $0.append(progress) }
            held.reported.withLock { $0 += progress.journal.count }
        }
        #expect(!held.waitedOut.withLock { $0 })
        #expect(held.calls.withLock { $0 } > 1)
        let inBetween = reports.withLock { $0 }
        #expect(inBetween.allSatisfy { $0.checkpoint == nil && $0.step == -1 && !$0.journal.isEmpty })
        // Every call is reported once: in between, or with the outcome.
        let keys = inBetween.flatMap(\.journal).map(\.callKey) + outcome.journal.map(\.callKey)
        #expect(keys.count == outcome.sentCalls && Set(keys).count == keys.count)
        #expect(!inBetween.isEmpty)
        await llm.shutdown()
    }
}
