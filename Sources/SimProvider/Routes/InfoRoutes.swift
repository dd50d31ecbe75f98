import Hummingbird

/// `GET /health`, `GET /v1/models` and `GET /sim/stats`.
enum InfoRoutes {
    static func add(to router: Router<SimRequestContext>, state: SimServerState) {
        router.get("health") { _, _ in
            Response.json(.ok, encoding: ["status": "ok"])
        }
        router.get("v1/models") { _, _ in
            Response.json(.ok, encoding: ModelList(ids: state.options.models))
        }
        router.get("sim/stats") { _, _ in
            Response.json(.ok, encoding: state.stats.snapshot)
        }
    }
}

/// The body of `GET /v1/models`.
private struct ModelList: Encodable {
    struct Model: Encodable {
        var id: String
        var object = "model"
        var created = 0
        var ownedBy = "collider"

        enum CodingKeys: String, CodingKey {
            case id, object, created
            case ownedBy = "owned_by"
        }
    }

    var object = "list"
    var data: [Model]

    init(ids: [String]) {
        data = ids.map { Model(id: $0) }
    }
}
