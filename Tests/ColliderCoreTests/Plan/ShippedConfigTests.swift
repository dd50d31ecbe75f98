import Foundation
import Testing

@testable import ColliderCore

/// The configs in `configs/` load, and plan to the counts the reference computes (§1.7, §9).
struct ShippedConfigTests {
    static func load(_ name: String) throws -> SweepConfig {
        let path = DatasetFixtures.repoRoot.appendingPathComponent("configs/\(name).yaml").path
        var config = try ConfigLoader.load(path: path, environment: [:], purpose: .dryRun).config
        if config.dataset.path.hasSuffix("data/summeval.jsonl") {
            // `make data` links data/summeval.jsonl; read the same file from ../shared directly.
            config.dataset.path = DatasetFixtures.summEvalPath
        }
        return config
    }

    @Test(arguments: ["quickstart", "paper-qwen3", "paper-deepseek", "paper-appendix-c", "local-llm"])
    func everyShippedConfigLoadsAndPlans(_ name: String) throws {
        let plan = try SweepPlan.make(for: try Self.load(name))
        #expect(!plan.tasks.isEmpty)
        #expect(Set(plan.tasks.map(\.id)).count == plan.tasks.count)
        #expect(plan.total.tokens.input > 0)
    }

    @Test func paperQwen3MakesTheReferenceCallCount() throws {
        let plan = try SweepPlan.make(for: try Self.load("paper-qwen3"))
        #expect(plan.tasks.filter { $0.kind == .run }.count == 48)
        #expect(plan.runTotal.calls == CallCounts(task: 332_448, loss: 3_672, gradient: 3_024, optimizer: 792))
        #expect(plan.runTotal.calls.total == 339_936)
        // Cherry-pick 2 × 3 × 480 task calls, each diagnostic 1,440 judge calls (reference §9).
        #expect(plan.analysisTotal.calls == CallCounts(task: 2_880, judge: 2_880))
    }

    @Test func paperDeepseekHas24Runs() throws {
        let plan = try SweepPlan.make(for: try Self.load("paper-deepseek"))
        #expect(plan.tasks.filter { $0.kind == .run }.count == 24)
        #expect(plan.runs.allSatisfy { $0.gate == .mae })
    }

    /// The measured task prompt dominates: SummEval's 480 test samples average a few thousand
    /// characters, so a test pass is hundreds of thousands of input tokens (reference §1.8: a task
    /// prompt is ≈ 750–1,000 tokens).
    @Test func taskPromptTokensAreInTheReferenceRange() throws {
        let config = try Self.load("paper-qwen3")
        let plan = try SweepPlan.make(for: config)
        let ccc = try #require(plan.runs.first { $0.mode == .CCC && $0.gate == .none })
        let perTaskCall = ccc.estimate.tokens.input / Double(ccc.estimate.calls.total)
        #expect((700...2_000).contains(perTaskCall))
    }

    @Test func overBudgetIsSaidInRed() throws {
        var config = try Self.load("quickstart")
        config.budget.maxUSD = 0.01
        let plan = try SweepPlan.make(for: config)
        #expect(plan.isOverBudget)
        #expect(plan.budgetVerdict(color: true).hasPrefix("\u{1B}[31mOVER BUDGET"))
        #expect(plan.table(color: false).contains("OVER BUDGET: the estimate"))
        config.budget.maxUSD = 1_000
        #expect(!(try SweepPlan.make(for: config)).isOverBudget)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let plan = try SweepPlan.make(for: try Self.load("quickstart"))
        let object = try #require(try JSONSerialization.jsonObject(with: plan.jsonData()) as? [String: Any])
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.count == plan.tasks.count)
        for task in tasks {
            #expect(Set(task.keys) == ["id", "kind", "backbone", "mode", "gate", "seed", "criterion", "depends_on"])
        }
        let estimate = try #require(object["estimate"] as? [String: Any])
        let calls = try #require(estimate["calls"] as? [String: Any])
        let run = try #require(calls["run"] as? [String: Int])
        #expect(Set(run.keys) == ["task", "loss", "gradient", "optimizer", "total"])
        #expect(calls["total"] as? Int == plan.total.calls.total)
        let tokens = try #require(estimate["tokens"] as? [String: Int])
        #expect(Set(tokens.keys) == ["input", "output"])
        #expect(estimate["usd"] is Double)
    }
}
