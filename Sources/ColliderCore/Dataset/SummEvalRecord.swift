import Foundation

/// One SummEval `model_annotations` record (see ``SummEvalImporter``), checked.
struct SummEvalRecord {
    var docID: String
    var systemID: String
    var source: String
    var summary: String
    var references: [String]
    var experts: [JSONValue]
    var turkers: JSONValue?
    /// Mean expert rating per criterion, in `SummEvalImporter.criteria` order.
    var means: [Double]

    /// What is wrong with a record.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(json: Data) throws(Problem) {
        let fields = [
            "id", "model_id", "decoded", "text", "references", "expert_annotations", "turker_annotations",
        ]
        guard let object = try? SelectedFields.decoder(for: fields).decode(SelectedFields.self, from: json).values
        else {
            throw Problem(description: "the line is not valid JSON or not a JSON object")
        }
        func text(_ key: String, _ meaning: String) throws(Problem) -> String {
            guard case .string(let text) = object[key], !text.isEmpty else {
                throw Problem(description: "the record has no \"\(key)\" (\(meaning)) string")
            }
            return text
        }
        docID = try text("id", "the CNN/DM story id")
        systemID = try text("model_id", "the system id")
        summary = try text("decoded", "the summary")
        guard object["text"] != nil else {
            throw Problem(
                description: "the record has no \"text\" (the article); SummEval's original file "
                    + "needs its data_processing/pair_data.py to add it from the CNN/DM stories")
        }
        source = try text("text", "the article")
        guard case .array(let referenceValues) = object["references"], !referenceValues.isEmpty else {
            throw Problem(description: "the record has no \"references\" list")
        }
        references = try referenceValues.map { (reference) throws(Problem) -> String in
            guard case .string(let text) = reference else {
                throw Problem(description: "\"references\" holds a value that is not a string")
            }
            return text
        }
        guard case .array(let experts) = object["expert_annotations"], !experts.isEmpty else {
            throw Problem(description: "the record has no \"expert_annotations\" list")
        }
        self.experts = experts
        turkers = object["turker_annotations"]
        var means: [Double] = []
        for criterion in SummEvalImporter.criteria {
            var sum = 0
            for (rater, expert) in experts.enumerated() {
                guard case .object(let ratings) = expert, case .int(let rating) = ratings[criterion],
                    (1...5).contains(rating)
                else {
                    throw Problem(
                        description: "expert \(rater + 1) has no \"\(criterion)\" rating in 1…5")
                }
                sum += rating
            }
            means.append(Double(sum) / Double(experts.count))
        }
        self.means = means
    }

    /// The row in `summeval.jsonl`'s key order.
    var canonicalLine: String {
        var fields: [(key: String, value: JSONValue)] = [
            ("doc_id", .string(docID)),
            ("system_id", .string(systemID)),
            ("source", .string(source)),
            ("reference", .string(references[0])),
            ("references", .array(references.map(JSONValue.string))),
            ("summary", .string(summary)),
            ("summary_provenance", .string("summeval_original")),
        ]
        fields += zip(SummEvalImporter.criteria, means).map { ($0, .double($1)) }
        fields.append(("expert_annotations", .array(experts)))
        if let turkers { fields.append(("turker_annotations", turkers)) }
        return JSONLine.render(fields)
    }
}
