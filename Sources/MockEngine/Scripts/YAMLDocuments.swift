import MessagesAPI
import Yams

/// YAML documents read into the same `JSONValue` shape JSON files give, so scripts decode one way.
enum YAMLDocuments {
    /// Why a YAML text could not be read.
    struct Failure: Error {
        var message: String
    }

    /// Every document of a YAML text (`---` separates documents).
    static func parse(_ text: String) throws(Failure) -> [JSONValue] {
        do {
            var documents: [JSONValue] = []
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() {
                documents.append(try self.value(node))
            }
            if let error = sequence.error { throw Failure(message: "\(error)") }
            return documents
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    private static func value(_ node: Node) throws(Failure) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            // The resolved tag says how a plain scalar reads; quoted scalars always resolve to strings.
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .number(JSONNumber($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue:
                guard let d = node.float, d.isFinite else { return .string(scalar.string) }
                return .number(JSONNumber(text: "\(d)"))
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var members: [(key: String, value: JSONValue)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Failure(message: "line \((key.mark?.line).map(String.init) ?? "?"): mapping keys must be plain text")
                }
                members.append((keyScalar.string, try self.value(value)))
            }
            return .object(JSONObject(members))
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try self.value(item)) }
            return .array(items)
        case .alias:
            throw Failure(message: "line \((node.mark?.line).map(String.init) ?? "?"): unresolved alias")
        }
    }
}
