/// Bounds the work a YAML text can ask of the parser, checked before Yams sees it.
///
/// Yams builds aliases by reference, which is cheap, but it checks every
/// mapping for duplicate keys by hashing each key's whole tree: an alias that
/// stands for a nested alias of an alias (the "billion laughs" shape) used as
/// a key costs time exponential in the size of the file. This pass reads the
/// text once, without building anything, and refuses:
/// - a document over ``maxBytes``;
/// - an alias used as a mapping key (`? *name` or `*name: value`);
/// - an anchor name defined twice (so that every alias has one target);
/// - flow collections nested deeper than ``maxFlowDepth`` (the parser recurses);
/// - aliases that together stand for more than ``maxAliasNodes`` nodes.
///
/// The size of an anchored node is over-estimated as every node written
/// between the anchor and the first alias to it (an alias can only name a
/// node that is complete), counting an alias inside as the size it stands for.
/// Where this reading of the text may differ from the parser's (inside quotes,
/// comments, block scalars, plain text), a word that looks like an anchor or
/// an alias still counts, at a size that can only be larger, so the estimate
/// never falls short whatever the layout of the file.
enum YAMLBounds {
    /// Largest scenario or policy file read, in bytes.
    static let maxBytes = 16 << 20
    /// Largest number of nodes all aliases of a file may stand for.
    static let maxAliasNodes = 1_000_000
    /// Deepest nesting of `[` and `{`.
    static let maxFlowDepth = 256

    /// A bound the text breaks: its 1-based line and what was refused.
    struct Violation: Error, Equatable {
        var line: Int
        var message: String
    }

    /// Checks `text` against every bound.
    /// - Returns: the first bound broken, or nil.
    /// - Complexity: O(n) in the length of the text; no allocation but the anchor table.
    /// - Parameter fileKind: what the file is, for the message about its size.
    static func check(_ text: String, fileKind: String = "a scenario file") -> Violation? {
        let size = text.utf8.count
        if size > maxBytes {
            return Violation(line: 1, message: "the file is \(size) bytes, more than the \(maxBytes) \(fileKind) may hold")
        }
        var text = text
        return text.withUTF8 { bytes -> Violation? in
            var scanner = Scanner(bytes)
            do throws(Violation) {
                try scanner.run()
                return nil
            } catch {
                return error
            }
        }
    }

    private struct Anchor {
        var line: Int
        /// Nodes counted before the first definition of the name.
        var start: Int
        /// Definitions of the name read so far (YAML lets a name be redefined).
        var definitions = 1
        /// Nodes added by aliases of this name since its first definition.
        var ownAliases = 0
        /// Nodes the anchored node stands for, fixed when the node ends or at
        /// the first alias to it that is certainly an alias.
        var size: Int?
    }

    /// An anchor on a block node: its node ends at the first line of
    /// structure indented less than the line of the anchor (or as much, unless
    /// the line is an entry of a sequence, which may be the anchored node).
    private struct OpenAnchor {
        var name: String
        var indent: Int
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var line = 1
        var lineStart = 0
        var flowDepth = 0
        /// Nodes written so far (an over-estimate), aliases counted at the size they stand for.
        var nodes = 0
        var aliasNodes = 0
        var anchors: [String: Anchor] = [:]
        /// Anchors on block nodes that may not have ended, their indents rising.
        var open: [OpenAnchor] = []
        /// A `?` was read and its key is not yet.
        var explicitKeyPending = false
        /// The column of the current line's last key or entry token.
        var lastTokenColumn = -1
        /// The next token follows `:`, `-`, `?`, `[`, `{` or `,` on this line
        /// (an anchor or a tag in between), so it certainly starts a node.
        var afterIndicator = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func byte(_ k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }

        static func isSpace(_ b: UInt8?) -> Bool { b == nil || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        static func isFlowIndicator(_ b: UInt8?) -> Bool { b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D }

        /// Whether the byte at `k` ends a token in the current context.
        func endsToken(_ k: Int) -> Bool {
            let b = byte(k)
            return Self.isSpace(b) || (flowDepth > 0 && Self.isFlowIndicator(b))
        }

        /// Whether the byte at `k` is `-`, `?` or `:` used as an indicator.
        func isIndicator(_ k: Int) -> Bool {
            let b = bytes[k]
            return (b == 0x2D || b == 0x3F || b == 0x3A) && endsToken(k + 1)
        }

        mutating func newLine() {
            line += 1
            lineStart = i
            lastTokenColumn = -1
            afterIndicator = false
            endAnchoredNodes()
        }

        /// Fixes the size of the anchored block nodes the line starting at
        /// `i` ends. Inside a flow collection nothing ends at a line, whatever
        /// its indentation.
        mutating func endAnchoredNodes() {
            guard flowDepth == 0, !open.isEmpty else { return }
            var k = i
            while byte(k) == 0x20 { k += 1 }
            guard let first = byte(k), first != 0x0A, first != 0x0D, first != 0x23 else { return }
            let indent = k - i
            let isEntry = first == 0x2D && Self.isSpace(byte(k + 1))
            while let top = open.last, top.indent > indent || (top.indent == indent && !isEntry) {
                open.removeLast()
                if var anchor = anchors[top.name], anchor.definitions == 1, anchor.size == nil {
                    anchor.size = max(1, nodes - anchor.start - anchor.ownAliases)
                    anchors[top.name] = anchor
                }
            }
        }

        mutating func run() throws(Violation) {
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case 0x0A:
                    i += 1
                    newLine()
                case 0x20, 0x09, 0x0D:
                    i += 1
                case 0x23: // '#': a comment (tokens end at spaces, so this one starts after one)
                    let from = i
                    while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                    try text(from, i)
                case 0x5B, 0x7B: // '[', '{'
                    flowDepth += 1
                    if flowDepth > maxFlowDepth {
                        throw Violation(line: line, message: "collections are nested more than \(maxFlowDepth) deep")
                    }
                    countNode()
                    explicitKeyPending = false
                    afterIndicator = true
                    i += 1
                case 0x5D, 0x7D: // ']', '}'
                    flowDepth = max(0, flowDepth - 1)
                    afterIndicator = false
                    i += 1
                case 0x2C: // ','
                    afterIndicator = true
                    i += 1
                case _ where isIndicator(i):
                    if b != 0x3A { lastTokenColumn = i - lineStart }
                    explicitKeyPending = b == 0x3F
                    afterIndicator = true
                    countNode() // an empty entry, key or value is a null node
                    i += 1
                case 0x26: // '&' anchor
                    let nameStart = i + 1
                    i = nameEnd(nameStart)
                    try define(nameStart, i)
                case 0x21: // '!' tag
                    while !endsToken(i) { i += 1 }
                case 0x2A: // '*' alias
                    let nameStart = i + 1
                    i = nameEnd(nameStart)
                    try alias(nameStart, i)
                case 0x27, 0x22: // quoted scalar
                    lastTokenColumn = i - lineStart
                    explicitKeyPending = false
                    afterIndicator = false
                    countNode()
                    let from = i
                    skipQuoted(b)
                    try text(from, i)
                case 0x7C where flowDepth == 0 && afterIndicator, 0x3E where flowDepth == 0 && afterIndicator: // block scalar
                    countNode()
                    try skipBlockScalar()
                case 0x25 where i == lineStart: // '%' directive
                    let from = i
                    while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                    try text(from, i)
                default:
                    lastTokenColumn = i - lineStart
                    explicitKeyPending = false
                    afterIndicator = false
                    countNode()
                    let from = i
                    skipPlain()
                    try text(from, i)
                }
            }
        }

        /// The end of an anchor name starting at `k`: the parser takes letters, digits, `_` and `-`.
        func nameEnd(_ k: Int) -> Int {
            var k = k
            while let b = byte(k), (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F || b == 0x2D {
                k += 1
            }
            return k
        }

        mutating func countNode() { nodes = min(nodes &+ 2, Int.max / 4) }

        func name(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }

        mutating func define(_ from: Int, _ to: Int) throws(Violation) {
            guard from < to else { return }
            let name = name(from, to)
            if var anchor = anchors[name] {
                // A redefined name may stand for either node: no size is fixed for it.
                anchor.definitions += 1
                anchor.size = nil
                anchors[name] = anchor
            } else {
                anchors[name] = Anchor(line: line, start: nodes)
                if flowDepth == 0 {
                    var k = lineStart
                    while byte(k) == 0x20 { k += 1 }
                    open.append(OpenAnchor(name: name, indent: k - lineStart))
                }
            }
        }

        /// Counts an alias. `certain` says the parser reads it as an alias too,
        /// which is what lets its first use fix the size of its node.
        mutating func alias(_ from: Int, _ to: Int, certain: Bool = true) throws(Violation) {
            if certain {
                var k = to
                while byte(k) == 0x20 || byte(k) == 0x09 { k += 1 }
                let isImplicitKey = byte(k) == 0x3A && (endsToken(k + 1) || Self.isFlowIndicator(byte(k + 1)))
                if explicitKeyPending || isImplicitKey {
                    throw Violation(line: line, message: "an alias used as a mapping key is not allowed")
                }
                lastTokenColumn = from - 1 - lineStart
            }
            let fixes = certain && afterIndicator
            afterIndicator = false
            // An alias to no anchor is the parser's error to report.
            guard from < to, var anchor = anchors[name(from, to)] else { return }
            let size: Int
            if let fixed = anchor.size {
                size = fixed
            } else if anchor.definitions == 1 {
                // The node cannot hold an alias to itself, so the aliases of
                // its name read since are outside it.
                size = max(1, nodes - anchor.start - anchor.ownAliases)
                if fixes { anchor.size = size }
            } else {
                size = max(1, nodes - anchor.start)
            }
            anchor.ownAliases = min(anchor.ownAliases &+ size, Int.max / 4)
            anchors[name(from, to)] = anchor
            nodes = min(nodes &+ size, Int.max / 4)
            aliasNodes = min(aliasNodes &+ size, Int.max / 4)
            if aliasNodes > maxAliasNodes {
                throw Violation(line: line, message: "aliases expand to more than \(maxAliasNodes) nodes")
            }
        }

        /// Counts the words of text the parser may read otherwise than this
        /// pass does: each counts as nodes, and one that looks like an anchor
        /// or an alias counts as one that cannot fix a size.
        mutating func text(_ from: Int, _ to: Int) throws(Violation) {
            var k = from
            while k < to {
                while k < to, Self.isSpace(bytes[k]) || Self.isFlowIndicator(bytes[k]) {
                    if bytes[k] == 0x5B || bytes[k] == 0x7B { countNode() }
                    k += 1
                }
                guard k < to else { break }
                let start = k
                while k < to, !Self.isSpace(bytes[k]), !Self.isFlowIndicator(bytes[k]) { k += 1 }
                countNode()
                if bytes[start] == 0x26 { try define(start + 1, nameEnd(start + 1)) }
                if bytes[start] == 0x2A { try alias(start + 1, nameEnd(start + 1), certain: false) }
            }
        }

        /// Skips a quoted scalar, which may span lines.
        mutating func skipQuoted(_ quote: UInt8) {
            i += 1
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A {
                    i += 1
                    line += 1
                    lineStart = i
                    continue
                }
                if quote == 0x22, b == 0x5C, byte(i + 1) != 0x0A { i += 2; continue } // '\' escape
                if b == quote {
                    if quote == 0x27, byte(i + 1) == 0x27 { i += 2; continue } // '' in single quotes
                    i += 1
                    return
                }
                i += 1
            }
        }

        /// Skips a plain scalar to where it ends on this line: `: `, ` #`, the
        /// end of the line, or a flow indicator inside a flow collection.
        mutating func skipPlain() {
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A { return }
                if b == 0x3A, endsToken(i + 1) || (flowDepth > 0 && Self.isFlowIndicator(byte(i + 1))) { return }
                if (b == 0x20 || b == 0x09), byte(i + 1) == 0x23 { return }
                if flowDepth > 0, Self.isFlowIndicator(b) { return }
                i += 1
            }
        }

        /// Skips a block scalar's header and content. The content is the
        /// following lines indented more than the key or entry the scalar
        /// belongs to; when that indentation is not certain (an explicit
        /// indentation indicator, nothing before it on the line) nothing is
        /// skipped.
        mutating func skipBlockScalar() throws(Violation) {
            let parent = lastTokenColumn
            i += 1
            var explicitIndent = false
            while let b = byte(i), b == 0x2B || b == 0x2D || (0x30...0x39).contains(b) {
                if b != 0x2B && b != 0x2D { explicitIndent = true }
                i += 1
            }
            while let b = byte(i), b == 0x20 || b == 0x09 { i += 1 }
            if byte(i) == 0x23 {
                let from = i
                while let b = byte(i), b != 0x0A { i += 1 }
                try text(from, i)
            }
            guard byte(i) == 0x0A, parent >= 0, !explicitIndent else { return }
            i += 1
            newLine()
            var contentIndent: Int?
            while i < bytes.count {
                var k = i
                while byte(k) == 0x20 { k += 1 }
                let indent = k - i
                let blank = byte(k) == nil || byte(k) == 0x0A || (byte(k) == 0x0D && byte(k + 1) == 0x0A)
                if !blank {
                    if let contentIndent {
                        if indent < contentIndent { return }
                    } else {
                        guard indent > parent else { return }
                        contentIndent = indent
                    }
                }
                while let b = byte(k), b != 0x0A { k += 1 }
                try text(i, k)
                guard k < bytes.count else { i = k; return }
                i = k + 1
                newLine()
            }
        }
    }
}
