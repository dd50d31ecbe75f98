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
    /// Starts `lease`. When its task already runs here (the coordinator re-leased it, e.g. after a
    /// missed heartbeat), the running execution adopts the new lease id instead.
    func start(_ lease: TaskLease) {
        if running[lease.task.id] != nil {
            running[lease.task.id]?.leaseID = lease.leaseID
            running[lease.task.id]?.lapsesAfter = lease.lapsesAfter
            return
        }
        let token = UUID()
        let handle = Task { await self.execute(lease, token: token) }
        running[lease.task.id] = Running(
            token: token, leaseID: lease.leaseID, lapsesAfter: lease.lapsesAfter, handle: handle,
            step: -1, lastReport: .now)
    }

    /// Runs the lease's task from its checkpoint with its journal; then RESULT or FAIL under the
    /// lease the execution holds by then.
    private func execute(_ lease: TaskLease, token: UUID) async {
        let taskID = lease.task.id
        let outcome: Result<TaskOutcome, any Error>
        var records: URL?
        do {
            let entry = try await executor(for: lease.config, datasetFingerprint: lease.datasetFingerprint)
            records = TaskRecords.directory(results: entry.executor.results, taskID: taskID)
            let analysisInputs = try await dependencySteps(for: lease.task)
            let checkpoint = try lease.checkpoint.map { try WireCoding.decode(RunCheckpoint.self, from: $0) }
            let journal = try lease.journal.map { try WireCoding.decode(JournalEntry.self, from: $0) }
            outcome = .success(
                try await entry.executor.execute(
                    lease.task, checkpoint: checkpoint, useLocalCheckpoint: false, journal: journal,
                    dependencySteps: analysisInputs
                ) { progress in await self.report(progress, token: token) })
        } catch {
            outcome = .failure(error)
        }
        guard !Task.isCancelled, let current = running[taskID], current.token == token else { return }
        let message: Message
        do {
            let result = try outcome.get()
            if !result.journal.isEmpty {
                await send(
                    .progress(
                        TaskProgress(
                            leaseID: current.leaseID, taskID: taskID, stage: "done", step: current.step,
                            calls: result.stats.calls.total,
                            tokens: result.stats.promptTokens + result.stats.completionTokens,
                            dollars: result.stats.dollars, journal: try result.journal.map(WireCoding.encode))))
            }
            message = .result(
                TaskResult(
                    leaseID: current.leaseID, taskID: taskID, summary: try WireCoding.encode(ResultDocument(result)),
                    files: try records.map(TaskRecords.files(in:))))
        } catch {
            let (failure, retryable) = WireCoding.classify(error)
            logger.warning("task failed", metadata: ["task": "\(taskID)", "error": "\(error)"])
            message = .fail(
                TaskFailure(
                    leaseID: current.leaseID, taskID: taskID, failureClass: failure, retryable: retryable,
                    reason: String(describing: error)))
        }
        running.removeValue(forKey: taskID)
        unacked[current.leaseID] = message
        do {
            try outbox.save(message, leaseID: current.leaseID)
        } catch {
            logger.warning("result kept in memory only", metadata: ["lease": "\(current.leaseID)", "error": "\(error)"])
        }
        await sendTracked(message)
        if !draining { await send(.credit(Credit(n: 1))) }
    }

    /// PROGRESS with the journal entries recorded since the last and, for a completed step, its
    /// checkpoint and record.
    private func report(_ progress: StepProgress, token: UUID) async {
        guard let leaseID = running[progress.taskID]?.leaseID, running[progress.taskID]?.token == token else { return }
        let stage = progress.checkpoint == nil ? "calls" : "step"
        running[progress.taskID]?.step = progress.step
        running[progress.taskID]?.stage = stage
        running[progress.taskID]?.calls = progress.stats.calls.total
        running[progress.taskID]?.lastReport = .now
        do {
            await send(
                .progress(
                    TaskProgress(
                        leaseID: leaseID, taskID: progress.taskID, stage: stage, step: progress.step,
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
    /// together wait for the same one): its data set (fetched from the coordinator when this host
    /// lacks it), task DAG and LLM.
    private func executor(for configJSON: Data, datasetFingerprint: String?) async throws -> ExecutorEntry {
        if let entry = executors[configJSON] { return try await entry.value }
        let options = options
        let logger = logger
        let rate = rate
        let making = Task {
            let config = try WireCoding.decode(SweepConfig.self, from: configJSON)
            let sweep = try await self.sweepContext(for: config, datasetFingerprint: datasetFingerprint)
            let llm = try await LLMProvisioner.provision(
                endpoints: config.endpoints, environment: options.environment, logger: logger,
                capacity: FleetRateAgent.capacity)
            await rate.attach(llm.client, endpoints: llm.endpoints, options: options.rate)
            let results = options.results ?? URL(fileURLWithPath: "results/\(config.name)")
            return ExecutorEntry(executor: TaskExecutor(sweep: sweep, llm: llm.client, results: results), llm: llm)
        }
        executors[configJSON] = making
        do {
            return try await making.value
        } catch {
            // A failed fetch of the data set may succeed for the next lease.
            executors[configJSON] = nil
            throw error
        }
    }
}

extension TaskLease {
    /// The lease's TTL as the worker's abandon threshold; nil when it names none (0 or less, or
    /// not a number).
    var lapsesAfter: Duration? {
        leaseTTLSeconds > 0 && leaseTTLSeconds.isFinite ? .seconds(leaseTTLSeconds) : nil
    }
}
