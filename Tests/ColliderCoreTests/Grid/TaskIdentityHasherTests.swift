import Testing

@testable import ColliderCore

/// The fast task-id path gives exactly the ids of `TaskIdentity.id()`, which define them.
struct TaskIdentityHasherTests {
    /// The identity the expander describes `task` with, built the straightforward way.
    static func reference(_ task: SweepTask, config: SweepConfig, fingerprint: String) -> TaskIdentity {
        let diagnostic = task.kind == .gradientSpecificity || task.kind == .feedbackAdherence
        let roles: [String: TaskIdentity.RoleIdentity]
        if diagnostic, let judge = config.judge {
            roles = [Role.judge.rawValue: .init(judge)]
        } else {
            let backbone = config.backbones[task.backbone]
            roles = Dictionary(
                uniqueKeysWithValues: [Role.task, .loss, .gradient, .optimizer].compactMap { role in
                    backbone?[role].map { (role.rawValue, TaskIdentity.RoleIdentity($0)) }
                })
        }
        return TaskIdentity(
            kind: task.kind,
            dataset: diagnostic ? nil : TaskIdentity.DatasetIdentity(config.dataset, fingerprint: fingerprint),
            pipeline: config.pipeline, compat: config.compat, backbone: task.backbone, roles: roles, mode: task.mode,
            gate: task.gate, seed: task.seed, criterion: task.criterion, dependsOn: task.dependsOn)
    }

    @Test func everyExpandedIdIsTheHashOfTheTasksCanonicalIdentity() {
        let config = Fixtures.paper(
            backbones: ["qwen3", "deepseek"],
            analyses: AnalysesConfig(cherryPick: true, gradientSpecificity: true, feedbackAdherence: true))
        let tasks = GridExpander.tasks(for: config, datasetFingerprint: "f00d")
        #expect(Set(tasks.map(\.kind)) == [.run, .cherryPick, .gradientSpecificity, .feedbackAdherence])
        for task in tasks {
            #expect(task.id == Self.reference(task, config: config, fingerprint: "f00d").id(), "\(task.kind) \(task.id)")
        }
    }

    @Test(arguments: [
        "plain", "with \"quotes\"", "back\\slash", "a/b", "naïve — ünïcode", "tab\there", "new\nline", "",
    ])
    func awkwardStringsHashAsTheEncoderWritesThem(_ text: String) {
        var config = Fixtures.paper()
        config.dataset.directive = text
        let identity = TaskIdentity(
            kind: .run, dataset: TaskIdentity.DatasetIdentity(config.dataset, fingerprint: text),
            pipeline: config.pipeline, compat: config.compat, backbone: text,
            roles: [text: TaskIdentity.RoleIdentity(Fixtures.role(.task, model: text))], mode: nil, gate: .offByOne,
            seed: -3, criterion: text, dependsOn: [text, "abc"])
        let hasher = TaskIdentityHasher(pipeline: config.pipeline, compat: config.compat)
        let parts = hasher.parts(dataset: identity.dataset, roles: identity.roles)
        #expect(hasher.id(identity, parts: parts) == identity.id())
    }

    @Test func absentOptionalsAreLeftOutAsTheEncoderLeavesThem() {
        let config = Fixtures.paper()
        let identity = TaskIdentity(
            kind: .cherryPick, dataset: nil, pipeline: config.pipeline, compat: config.compat, backbone: "qwen3",
            roles: [:], mode: nil, gate: .none, seed: nil, criterion: nil, dependsOn: [])
        let hasher = TaskIdentityHasher(pipeline: config.pipeline, compat: config.compat)
        #expect(hasher.id(identity, parts: hasher.parts(dataset: nil, roles: [:])) == identity.id())
    }
}
