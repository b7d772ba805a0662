import FuzzSupport
import TrustGraphCore

// suppliers.csv as anyone may write it: the CSV reader, encodings, delimiters,
// header checks, ids, numbers and extra columns. A load either succeeds or
// throws a DatasetError; anything else is a finding.
fuzz { bytes in
    // One piece, then three (pieces split the file at record boundaries found in parallel).
    _ = try? DatasetLoader.load(contents: ["suppliers.csv": bytes], threads: 1)
    _ = try? DatasetLoader.load(contents: ["suppliers.csv": bytes], options: ReadOptions(encoding: .windows1252), threads: 3)
}
