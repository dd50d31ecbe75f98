import Foundation

extension SweepPlan {
    /// The `collider plan --json` document:
    /// `{"tasks":[…],"estimate":{"calls":{"run":{…},"analysis":{…},"total"},"tokens":{…},"usd"}}`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return try encoder.encode(Document(plan: self))
    }

    private struct Document: Encodable {
        struct RunCalls: Encodable {
            var task, loss, gradient, optimizer, total: Int
        }
        struct AnalysisCalls: Encodable {
            var task, judge, total: Int
        }
        struct Calls: Encodable {
            var run: RunCalls
            var analysis: AnalysisCalls
            var total: Int
        }
        struct Tokens: Encodable {
            var input, output: Int
        }
        struct Totals: Encodable {
            var calls: Calls
            var tokens: Tokens
            var usd: Double
        }

        var name: String
        var tasks: [SweepTask]
        var estimate: Totals
        var budget: Double?

        init(plan: SweepPlan) {
            name = plan.name
            tasks = plan.tasks
            budget = plan.maxUSD
            let run = plan.runTotal.calls
            let analysis = plan.analysisTotal.calls
            let total = plan.total
            estimate = Totals(
                calls: Calls(
                    run: RunCalls(
                        task: run.task, loss: run.loss, gradient: run.gradient, optimizer: run.optimizer,
                        total: run.total),
                    analysis: AnalysisCalls(
                        task: analysis.task, judge: analysis.judge, total: analysis.total),
                    total: total.calls.total),
                tokens: Tokens(input: Int(total.tokens.input.rounded()), output: Int(total.tokens.output.rounded())),
                usd: (total.usd * 100).rounded() / 100)
        }
    }
}
