import ColliderCore
import ColliderPipeline
import ColliderTesting
import Testing

/// A run's spec from the sweep config and its task.
struct RunSpecTests {
    static let config = SweepConfig(
        name: "t",
        dataset: DatasetConfig(
            path: "d.jsonl", inputs: [InputField(label: "Summary", field: "s"), InputField(label: "Source Text", field: "t")],
            criteria: RunFixtures.criteria, scale: Scale(min: 1, max: 5),
            initialInstructions: Dictionary(uniqueKeysWithValues: RunFixtures.criteria.map { ($0, "Rate from 1 to 5.") }),
            directive: "Judge.", split: SplitConfig(seed: 42, train: 12, test: 7)),
        pipeline: PipelineConfig(steps: 2, batchSize: 3, validationSize: 5),
        grid: GridConfig(backbones: ["b"], modes: [.single, .SSS], gates: [.mae], seeds: [1]),
        analyses: AnalysesConfig(), backbones: ["b": RunFixtures.backbone()], judge: nil, endpoints: [:],
        budget: BudgetConfig(), compat: CompatSwitches())

    @Test func singleTaskRunsGetTheirCriterionOnly() throws {
        let task = SweepTask(id: "x", kind: .run, backbone: "b", mode: .single, gate: .mae, seed: 1, criterion: "coherence", dependsOn: [])
        let spec = try RunSpec(task: task, config: Self.config)
        #expect(spec.criteria == ["coherence"])
        #expect(spec.inputLabels == ["Summary", "Source Text"])
        let multi = try RunSpec(task: SweepTask(id: "y", kind: .run, backbone: "b", mode: .SSS, gate: .none, seed: 2, criterion: nil, dependsOn: []), config: Self.config)
        #expect(multi.criteria == RunFixtures.criteria && multi.gate == Gate.none && multi.seed == 2)
    }

    @Test func analysesAndUnknownBackbonesAreRefused() {
        let analysis = SweepTask(id: "z", kind: .cherryPick, backbone: "b", mode: nil, gate: .mae, seed: nil, criterion: nil, dependsOn: [])
        #expect(throws: RunError.self) { try RunSpec(task: analysis, config: Self.config) }
        let unknown = SweepTask(id: "w", kind: .run, backbone: "nope", mode: .SSS, gate: .mae, seed: 1, criterion: nil, dependsOn: [])
        #expect(throws: RunError.self) { try RunSpec(task: unknown, config: Self.config) }
    }
}
