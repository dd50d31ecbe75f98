import Foundation

/// Converts SummEval's original per-pair records into canonical rows like
/// `../shared/data/summeval/summeval.jsonl`.
///
/// Input: the `model_annotations` records as split per system by DAMO-NLP-SG/LLM_summeval
/// (`M8_outputs_annotations.jsonl` …), one JSON object per line with `id` (the CNN/DM story id),
/// `model_id` (the system), `text` (the article), `decoded` (the summary), `references` (the
/// original highlights first, then 10 crowd-sourced ones), `expert_annotations` (3 raters) and
/// `turker_annotations` (5 raters), plus `filepath`, which is not used. SummEval's own
/// `model_annotations.aligned.jsonl` has no `text`: its `data_processing/pair_data.py` adds it from
/// the CNN/DM story files (the lines before `@highlight`, stripped and joined with spaces); run
/// that first, or import the DAMO files, which carry it.
///
/// Output, per record: `doc_id`, `system_id`, `source`, `reference`, `references`, `summary`,
/// `summary_provenance` (`summeval_original`), the four criteria as the mean of the expert ratings,
/// `expert_annotations` and, when present, `turker_annotations`. Rows are ordered by document in
/// order of first appearance, then by system number.
public enum SummEvalImporter {
    /// SummEval's criteria, in the order the rows list them.
    public static let criteria = ["coherence", "consistency", "fluency", "relevance"]

    /// The canonical JSONL lines (without newlines) for the records in `paths`. Every bad record in
    /// every file is reported in one error.
    public static func importFiles(_ paths: [String]) throws(SummEvalImportError) -> [String] {
        var records: [SummEvalRecord] = []
        var problems: [String] = []
        for path in paths {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                problems.append("\(path): cannot read the file (\(error.localizedDescription))")
                continue
            }
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            for (offset, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                do {
                    records.append(try SummEvalRecord(json: Data(line)))
                } catch {
                    problems.append("\(path):\(offset + 1): \(error.description)")
                }
            }
        }
        problems += duplicates(in: records)
        guard problems.isEmpty else { throw SummEvalImportError(problems: problems) }
        return ordered(records).map(\.canonicalLine)
    }

    private static func duplicates(in records: [SummEvalRecord]) -> [String] {
        var seen: Set<String> = []
        return records.compactMap { record in
            let key = record.docID + " " + record.systemID
            return seen.insert(key).inserted
                ? nil : "document \(record.docID) has two records for system \(record.systemID)"
        }
    }

    /// Documents in order of first appearance; within a document, systems by number (M8 < M10).
    private static func ordered(_ records: [SummEvalRecord]) -> [SummEvalRecord] {
        var documentRank: [String: Int] = [:]
        for record in records where documentRank[record.docID] == nil {
            documentRank[record.docID] = documentRank.count
        }
        func systemNumber(_ id: String) -> Int { Int(id.drop { !$0.isNumber }) ?? Int.max }
        return records.sorted {
            let left = (documentRank[$0.docID] ?? 0, systemNumber($0.systemID))
            let right = (documentRank[$1.docID] ?? 0, systemNumber($1.systemID))
            return left != right ? left < right : $0.systemID < $1.systemID
        }
    }
}

/// Bad SummEval records: each problem names `file:line` and what is missing or wrong.
public struct SummEvalImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in file order.
    public var problems: [String]

    public var description: String {
        var lines = ["\(problems.count) bad SummEval record\(problems.count == 1 ? "" : "s"):"]
        lines += problems.prefix(DatasetError.listedProblems)
        if problems.count > DatasetError.listedProblems {
            lines.append("and \(problems.count - DatasetError.listedProblems) more")
        }
        return lines.joined(separator: "\n")
    }
}
