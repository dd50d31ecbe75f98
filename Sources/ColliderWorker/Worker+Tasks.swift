import ColliderCore
import ColliderLLM
import ColliderPipeline
import ColliderRunner
import ColliderTransport
import Foundation

/// An executor for one effective sweep config, with the LLM it owns.
struct ExecutorEntry: Sendable {
    var executor: TaskExecutor
    var llm: ProvisionedLLM
}

extension Worker {
    /// Starts `lease` unless the task is already running here.
    func start(_ lease: TaskLease) {
        guard running[lease.task.id] == nil else { return }
        let handle = Task { await self.execute(lease) }
        running[lease.task.id] = Running(leaseID: lease.leaseID, handle: handle, step: -1, lastReport: .now)
    }

    /// Runs the lease's task from its checkpoint with its journal; then RESULT or FAIL.
    private func execute(_ lease: TaskLease) async {
        let message: Message
        do {
            let entry = try await executor(for: lease.config)
            let checkpoint = try lease.checkpoint.map { try WireCoding.decode(RunCheckpoint.self, from: $0) }
            let journal = try lease.journal.map { try WireCoding.decode(JournalEntry.self, from: $0) }
            let outcome = try await entry.executor.execute(lease.task, checkpoint: checkpoint, journal: journal) {
                progress in await self.report(progress, leaseID: lease.leaseID)
            }
            if !outcome.journal.isEmpty {
                await send(
                    .progress(
                        TaskProgress(
                            leaseID: lease.leaseID, taskID: lease.task.id, stage: "done", step: running[lease.task.id]?.step ?? 0,
                            calls: outcome.stats.calls.total, tokens: outcome.stats.promptTokens + outcome.stats.completionTokens,
                            dollars: outcome.stats.dollars, journal: try outcome.journal.map(WireCoding.encode))))
            }
            message = .result(
                TaskResult(leaseID: lease.leaseID, taskID: lease.task.id, summary: try WireCoding.encode(ResultDocument(outcome))))
        } catch {
            guard !Task.isCancelled, running[lease.task.id]?.leaseID == lease.leaseID else { return }
            let (failure, retryable) = WireCoding.classify(error)
            logger.warning("task failed", metadata: ["task": "\(lease.task.id)", "error": "\(error)"])
            message = .fail(
                TaskFailure(
                    leaseID: lease.leaseID, taskID: lease.task.id, failureClass: failure, retryable: retryable,
                    reason: String(describing: error)))
        }
        guard running[lease.task.id]?.leaseID == lease.leaseID else { return }
        running.removeValue(forKey: lease.task.id)
        unacked[lease.leaseID] = message
        do {
            try outbox.save(message, leaseID: lease.leaseID)
        } catch {
            logger.warning("result kept in memory only", metadata: ["lease": "\(lease.leaseID)", "error": "\(error)"])
        }
        await sendTracked(message)
        if !draining { await send(.credit(Credit(n: 1))) }
    }

    /// PROGRESS with the journal entries recorded since the last and, for a completed step, its
    /// checkpoint and record.
    private func report(_ progress: StepProgress, leaseID: String) async {
        guard running[progress.taskID]?.leaseID == leaseID else { return }
        running[progress.taskID]?.step = progress.step
        running[progress.taskID]?.lastReport = .now
        do {
            await send(
                .progress(
                    TaskProgress(
                        leaseID: leaseID, taskID: progress.taskID, stage: progress.checkpoint == nil ? "calls" : "step",
                        step: progress.step,
                        calls: progress.stats.calls.total,
                        tokens: progress.stats.promptTokens + progress.stats.completionTokens,
                        dollars: progress.stats.dollars, journal: try progress.journal.map(WireCoding.encode),
                        checkpoint: try progress.checkpoint.map(WireCoding.encode),
                        stepRecords: try progress.record.map { [try WireCoding.encode($0)] } ?? [])))
        } catch {
            logger.error("progress not encodable", metadata: ["task": "\(progress.taskID)", "error": "\(error)"])
        }
    }

    /// The executor for a sweep config (JSON), made once on first use (leases that arrive
    /// together wait for the same one): its data set, task DAG and LLM.
    private func executor(for configJSON: Data) async throws -> ExecutorEntry {
        if let entry = executors[configJSON] { return try await entry.value }
        let options = options
        let logger = logger
        let making = Task {
            let config = try WireCoding.decode(SweepConfig.self, from: configJSON)
            let sweep = try SweepContext(config: config)
            let llm = try await LLMProvisioner.provision(
                endpoints: config.endpoints, environment: options.environment, logger: logger)
            let results = options.results ?? URL(fileURLWithPath: "results/\(config.name)")
            return ExecutorEntry(executor: TaskExecutor(sweep: sweep, llm: llm.client, results: results), llm: llm)
        }
        executors[configJSON] = making
        return try await making.value
    }
}
