import Foundation

/// A validator for the part of JSON Schema (draft 4) the SARIF 2.1.0 schema
/// uses: type, properties, required, additionalProperties, items, enum,
/// $ref to definitions, minimum, maximum, minItems, uniqueItems, pattern,
/// anyOf, oneOf and the uri, uri-reference and date-time formats. A keyword it
/// does not know is a failure of its own, so a schema it cannot fully check
/// never passes silently.
struct JSONSchema {
    let root: [String: Any]

    /// Keywords that only annotate.
    static let annotations: Set<String> = ["description", "default", "title", "$schema", "id", "definitions", "deprecated"]
    static let known: Set<String> = annotations.union(["type", "properties", "required", "additionalProperties", "items", "enum", "$ref",
                                                       "minimum", "maximum", "minItems", "uniqueItems", "pattern", "anyOf", "oneOf", "format"])

    init(contentsOf url: URL) throws {
        root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// Every violation of `value`, each with its JSON path.
    func violations(of value: Any) -> [String] {
        var found: [String] = []
        check(value, against: root, path: "$", into: &found)
        return found
    }

    private func resolve(_ ref: String) -> [String: Any]? {
        guard ref.hasPrefix("#/definitions/") else { return nil }
        return (root["definitions"] as? [String: Any])?[String(ref.dropFirst("#/definitions/".count))] as? [String: Any]
    }

    private func check(_ value: Any, against schema: [String: Any], path: String, into found: inout [String]) {
        for keyword in schema.keys where !JSONSchema.known.contains(keyword) {
            found.append("\(path): the validator does not know the keyword '\(keyword)'")
        }
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(ref) else { found.append("\(path): unresolvable $ref \(ref)"); return }
            check(value, against: target, path: path, into: &found)
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as! String]
            if !types.contains(where: { JSONSchema.has(value, type: $0) }) {
                found.append("\(path): expected \(types.joined(separator: " or ")), found \(Swift.type(of: value))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { JSONSchema.equal($0, value) }) {
            found.append("\(path): \(value) is not one of \(options)")
        }
        if let number = value as? NSNumber, !JSONSchema.isBool(value) {
            if let minimum = schema["minimum"] as? NSNumber, number.doubleValue < minimum.doubleValue {
                found.append("\(path): \(number) < minimum \(minimum)")
            }
            if let maximum = schema["maximum"] as? NSNumber, number.doubleValue > maximum.doubleValue {
                found.append("\(path): \(number) > maximum \(maximum)")
            }
        }
        if let text = value as? String {
            if let pattern = schema["pattern"] as? String,
               text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): '\(text)' does not match \(pattern)")
            }
            if let format = schema["format"] as? String, !JSONSchema.matches(text, format: format) {
                found.append("\(path): '\(text)' is not a \(format)")
            }
        }
        if let array = value as? [Any] {
            if let minItems = schema["minItems"] as? Int, array.count < minItems {
                found.append("\(path): \(array.count) items, fewer than \(minItems)")
            }
            if schema["uniqueItems"] as? Bool == true {
                for i in array.indices {
                    for j in array.indices where j > i && JSONSchema.equal(array[i], array[j]) {
                        found.append("\(path): items \(i) and \(j) are equal")
                    }
                }
            }
            if let items = schema["items"] as? [String: Any] {
                for (k, item) in array.enumerated() { check(item, against: items, path: "\(path)[\(k)]", into: &found) }
            }
        }
        if let object = value as? [String: Any] {
            for name in (schema["required"] as? [String]) ?? [] where object[name] == nil {
                found.append("\(path): missing required property '\(name)'")
            }
            let properties = (schema["properties"] as? [String: Any]) ?? [:]
            for (name, member) in object {
                if let property = properties[name] as? [String: Any] {
                    check(member, against: property, path: "\(path).\(name)", into: &found)
                } else if let additional = schema["additionalProperties"] {
                    if additional as? Bool == false {
                        found.append("\(path): property '\(name)' is not allowed")
                    } else if let additionalSchema = additional as? [String: Any] {
                        check(member, against: additionalSchema, path: "\(path).\(name)", into: &found)
                    }
                }
            }
        }
        if let anyOf = schema["anyOf"] as? [[String: Any]] {
            let passing = anyOf.filter { option in
                var sub: [String] = []
                check(value, against: option, path: path, into: &sub)
                return sub.isEmpty
            }
            if passing.isEmpty { found.append("\(path): matches none of anyOf") }
        }
        if let oneOf = schema["oneOf"] as? [[String: Any]] {
            let passing = oneOf.filter { option in
                var sub: [String] = []
                check(value, against: option, path: path, into: &sub)
                return sub.isEmpty
            }
            if passing.count != 1 { found.append("\(path): matches \(passing.count) of oneOf (expected exactly 1)") }
        }
    }

    /// JSON true and false: Foundation reads them as numbers whose Objective-C type is `c` (char).
    static func isBool(_ value: Any) -> Bool {
        if value is Bool && !(value is Int) { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func has(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool(value)
        case "null": return value is NSNull
        case "number": return value is NSNumber && !isBool(value)
        case "integer":
            guard let number = value as? NSNumber, !isBool(value) else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        default: return false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        (a as? NSObject)?.isEqual(b) ?? false
    }

    /// The formats the SARIF schema names, checked as RFC 3986 and RFC 3339 shape.
    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "uri":
            return text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$", options: .regularExpression) != nil
        case "uri-reference":
            return text.range(of: "^[^\\s]*$", options: .regularExpression) != nil
                && !text.contains(where: { "<>\"{}|\\^`".contains($0) })
        case "date-time":
            return text.range(of: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$", options: .regularExpression) != nil
        default:
            return false
        }
    }
}
