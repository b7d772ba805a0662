/// A piece of a file whose rows carry an `ok` flag: the merge leaves out the
/// rows with an error (see `PieceMerge`).
protocol CheckedPiece: Sendable {
    /// Whether each row is kept.
    var ok: PieceColumn<Bool> { get }
    /// The piece's rows.
    var count: Int { get }
    /// The file's extra columns, one value per row.
    var attributes: [PieceStrings] { get }
}

/// The pieces of a file, parsed in parallel, merged in file order — the one
/// merge of certifications.csv and dependencies.csv. When no row has an error
/// (nearly always) each column is copied whole, piece by piece, on all
/// threads; otherwise the caller appends the rows without an error, piece by
/// piece, with its own id mappings.
struct PieceMerge<Piece: CheckedPiece> {
    let pieces: [DatasetLoader.ParsedPiece<Piece>]
    let threads: Int

    /// Whether every row of every piece is kept.
    var keepsEveryRow: Bool {
        pieces.allSatisfy { !UnsafeBufferPointer(start: $0.piece.ok.base, count: $0.piece.count).contains(false) }
    }

    /// The rows of all pieces.
    var rowCount: Int { pieces.reduce(0) { $0 + $1.piece.count } }

    /// Column `column` of every piece, one after the other.
    func concatenated<T: BitwiseCopyable & Sendable>(_ column: KeyPath<Piece, PieceColumn<T>>) -> [T] {
        // The views point into the pieces' columns, which `pieces` keeps alive.
        .concatenating(pieces.map { $0.piece[keyPath: column].shared }, threads: threads)
    }

    /// Column `column` of every piece, each value passed through `transform(piece, value)`.
    func concatenated<T: BitwiseCopyable & Sendable>(_ column: KeyPath<Piece, PieceColumn<T>>,
                                                     _ transform: @escaping @Sendable (Int, T) -> T) -> [T] {
        .concatenating(pieces.map { $0.piece[keyPath: column].shared }, threads: threads, transform)
    }

    /// Lines counted from each piece's start, counted from the file's.
    func lines(_ column: KeyPath<Piece, PieceColumn<Int32>>) -> [Int32] {
        let firstLines = pieces.map { Int32($0.firstLine) }
        return concatenated(column) { k, line in line + firstLines[k] }
    }

    /// The extra columns of every piece, one after the other.
    func attributes(_ count: Int) -> [StringColumn] {
        (0..<count).map { x in StringColumn(concatenating: pieces.map { $0.piece.attributes[x] }) }
    }
}
