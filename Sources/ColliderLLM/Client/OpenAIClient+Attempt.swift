import ColliderCore
import Foundation
import Logging

extension OpenAIClient {
    /// Sends one attempt under `permit`, feeds the gate what the response says about rate limits,
    /// prices the attempt and records it. Everything that came from the server is redacted.
    func attempt(_ http: HTTPRequest, request: LLMRequest, endpoint: Endpoint, permit: Permit) async
        -> (AttemptRecord, AttemptOutcome)
    {
        let started = ContinuousClock.now
        var outcome: AttemptOutcome
        var status: Int?
        do {
            let response = try await transport.send(http)
            status = response.status
            let hints = RateLimitHeaders.parse(response.headers, wallNow: Date())
            await endpoint.gate.observe(hints)
            if response.status == 429 { await endpoint.gate.record429(retryAfterSeconds: hints.retryAfterSeconds) }
            let parsed = ChatResponseParser.parse(status: response.status, body: response.body)
            outcome = RetryPolicy.classify(
                status: response.status, response: parsed, retryAfterSeconds: hints.retryAfterSeconds)
        } catch {
            outcome = .failure(RetryPolicy.classify(error))
        }
        let latency = (ContinuousClock.now - started).seconds
        outcome = redacted(outcome, by: endpoint.key)

        let usage: Usage?
        let record: AttemptRecord
        let price = endpoint.config.prices[request.model]
        switch outcome {
        case .success(_, _, let successUsage):
            usage = successUsage
            record = AttemptRecord(
                status: status, failure: nil, latencySeconds: latency, usage: successUsage,
                dollars: price?.dollars(for: successUsage) ?? 0)
        case .failure(let failure):
            usage = failure.usage
            let spent = failure.usage ?? .zero
            record = AttemptRecord(
                status: status, failure: failure.failure, message: failure.message, latencySeconds: latency,
                usage: spent, dollars: price?.dollars(for: spent) ?? 0)
            logger.warning(
                "LLM attempt failed",
                metadata: metadata(
                    request,
                    [
                        "status": "\(status.map(String.init) ?? "none")", "class": "\(failure.failure)",
                        "error": "\(failure.message)",
                    ]))
        }
        if price == nil && usage != nil {
            logger.warning(
                "no price for this model; the attempt is counted at $0",
                metadata: metadata(request, ["model": "\(request.model)"]))
        }
        await endpoint.gate.release(permit, actualTokens: usage?.totalTokens)
        ledger.record(
            endpoint: request.endpoint, role: request.role, taskID: request.taskID, usage: record.usage,
            dollars: record.dollars)
        logger.debug(
            "LLM attempt",
            metadata: metadata(request, ["status": "\(status.map(String.init) ?? "none")", "latency_s": "\(latency)"]))
        return (record, outcome)
    }

    /// `outcome` with the endpoint's key removed from anything the server may have echoed.
    private func redacted(_ outcome: AttemptOutcome, by key: Secret?) -> AttemptOutcome {
        switch outcome {
        case .success(let content, let finishReason, let usage):
            return .success(content: key.redact(content), finishReason: finishReason, usage: usage)
        case .failure(var failure):
            failure.message = key.redact(failure.message)
            return .failure(failure)
        }
    }
}
