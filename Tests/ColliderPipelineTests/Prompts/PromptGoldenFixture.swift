import ColliderCore
import ColliderPipeline
import ColliderTesting

/// The small run the golden prompt tests render: two criteria, two training items (both in the
/// minibatch and the validation set), two test items, one step, short texts, and a scripted model
/// whose replies are short and name what they answer, so every prompt can be written out by hand.
enum PromptGoldenFixture {
    static let criteria = ["fluency", "coherence"]

    /// One step of `mode` with B 2 and V 2, one call at a time.
    static func spec(_ mode: Mode, gate: Gate = .none, compat: CompatSwitches = CompatSwitches()) -> RunSpec {
        var spec = RunFixtures.spec(
            mode: mode, gate: gate, steps: 1, batchSize: 2, validationSize: 2, seed: 2, criteria: criteria, compat: compat,
            concurrency: 1)
        spec.directive = "Judge the summary."
        spec.initialInstructions = ["fluency": "Rate fluency.", "coherence": "Rate coherence."]
        return spec
    }

    /// Rows 0 and 1 train (and validate), rows 2 and 3 test.
    static func data() -> RunData {
        let truths = [(4, 3), (2, 5), (3, 3), (1, 2)]
        let rows = truths.enumerated().map { index, truth in
            DatasetRow(
                index: index, line: index + 1, inputs: ["S\(index).", "T\(index)."],
                groundTruth: ["fluency": truth.0, "coherence": truth.1])
        }
        return RunData(rows: rows, train: [0, 1], validation: [0, 1], test: [2, 3])
    }

    /// The task replies per summary: item 0 fenced, item 1 bare; scores for the criteria asked.
    static let taskScores: [String: [String: Int]] = [
        "S0.": ["fluency": 4, "coherence": 2],
        "S1.": ["fluency": 3, "coherence": 3],
    ]

    static func taskReply(_ prompt: String) -> String {
        let summary = taskScores.keys.sorted().first { prompt.contains("Summary: \($0)\n") }
        let scores = summary.flatMap { taskScores[$0] } ?? ["fluency": 3, "coherence": 3]
        let asked = criteria.filter { prompt.contains("\n- \($0): ") }
        let fields = "{" + asked.map { "\"\($0)\": \(scores[$0] ?? 3)" }.joined(separator: ", ") + "}"
        return summary == "S0." ? "```json\n\(fields)\n```" : fields
    }

    /// Replies that say what they answer: the loss the verdict, the gradient the criterion and
    /// the summary, the optimizer "New <criterion>.".
    static let responder: ScriptedLLM.Responder = { request in
        let prompt = request.prompt
        let criterion = criteria.first { prompt.contains("for the criterion \"\($0)\"") }
        switch request.role {
        case .task:
            return taskReply(prompt)
        case .loss:
            let verdict = section("OUTPUT_OF_FUNCTION", of: prompt)
            if let criterion { return "Critique: \(criterion) \(verdict)." }
            return "Critique: \(verdict.components(separatedBy: "Overall: ").last ?? "")"
        case .gradient:
            let summary = section("LM_INPUT", of: prompt).components(separatedBy: "\n").first ?? ""
            return "Gradient for \(criterion ?? "all") on \(summary)"
        case .optimizer:
            if let criterion { return "New \(criterion)." }
            let asked = criteria.filter { prompt.contains("\"\($0)\": \"...\"") }
            return "{\"instructions\": {" + asked.map { "\"\($0)\": \"New \($0).\"" }.joined(separator: ", ") + "}}"
        case .judge:
            return "7"
        }
    }

    /// The text between `<tag>\n` and `\n</tag>`.
    static func section(_ tag: String, of prompt: String) -> String {
        guard let open = prompt.range(of: "<\(tag)>\n"),
            let close = prompt.range(of: "\n</\(tag)>", range: open.upperBound..<prompt.endIndex)
        else { return "" }
        return String(prompt[open.upperBound..<close.lowerBound])
    }

    /// Runs one step and returns the prompts by role, in the order they were sent.
    static func prompts(
        _ mode: Mode, gate: Gate = .none, compat: CompatSwitches = CompatSwitches()
    ) async throws -> (prompts: [Role: [String]], steps: [StepRecord]) {
        let llm = ScriptedLLM(criteria: criteria, responder: responder)
        let sink = RecordingSink()
        _ = try await Run(spec: spec(mode, gate: gate, compat: compat), data: data(), llm: llm, sink: sink).start()
        return (Dictionary(grouping: llm.requests, by: \.role).mapValues { $0.map(\.prompt) }, sink.steps)
    }
}
